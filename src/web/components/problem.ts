import { App } from 'antd';
import type { FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../api/client.ts';
import { problemText, toNamePath } from './problem-text.ts';

export { problemText } from './problem-text.ts';

/**
 * Shows an API error: field errors go onto the form fields they name (when the form has
 * them), and the problem's title/detail goes into a message.
 */
export function useProblemReporter() {
  const { message } = App.useApp();
  return useCallback((error: unknown, form?: FormInstance, fieldNames: readonly string[] = []) => {
    if (error instanceof ApiError && form) {
      const onForm = error.fieldErrors.filter((e) => fieldNames.includes(String(toNamePath(e.path)[0] ?? '')));
      if (onForm.length > 0) {
        form.setFields(onForm.map((e) => ({ name: toNamePath(e.path), errors: [e.message] })));
      }
      const elsewhere = error.fieldErrors.filter((e) => !onForm.includes(e));
      const extra = elsewhere.map((e) => `${e.path}：${e.message}`).join('；');
      void message.error(extra ? `${problemText(error)}（${extra}）` : problemText(error));
      return;
    }
    void message.error(problemText(error));
  }, [message]);
}
