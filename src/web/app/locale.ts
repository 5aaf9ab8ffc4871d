import type { ConfigProviderProps } from 'antd';
import zhCNModule from 'antd/locale/zh_CN.js';
import 'dayjs/locale/zh-cn.js';

type Locale = NonNullable<ConfigProviderProps['locale']>;

/**
 * antd ships its locales as CommonJS. Under NodeNext TypeScript sees the module object,
 * while the bundler hands over its default export; accept either.
 */
function unwrapDefault<T extends object>(value: T | { default: T }): T {
  return 'default' in value ? value.default : value;
}

export const zhCN: Locale = unwrapDefault<Locale>(zhCNModule);
