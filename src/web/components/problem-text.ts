import { ApiError } from '../api/client.ts';

/** One line to show for any error: the problem's title and detail, in Chinese. */
export function problemText(error: unknown): string {
  if (error instanceof ApiError) {
    const { title, detail } = error.problem;
    return detail && detail !== title ? `${title}：${detail}` : title;
  }
  return '操作失败，请稍后重试';
}

/**
 * `body.roles.0` → ['roles', 0], the name path antd forms use. The server names where a
 * field came from (body, query, params); forms only know the field.
 */
export function toNamePath(path: string): (string | number)[] {
  return path.replace(/^(body|query|params)(\.|$)/, '').split('.').filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}
