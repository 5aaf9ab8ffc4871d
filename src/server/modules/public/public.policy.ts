import { publicAccess } from '../../http/access.ts';

/** The public portal: anonymous, read-only, and only through presenters that name each field. */
export const publicPolicy = {
  home: publicAccess,
} as const;
