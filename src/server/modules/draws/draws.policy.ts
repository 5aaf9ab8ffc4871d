import { tasksPolicy } from '../tasks/tasks.policy.ts';

/** Draws belong to tasks: the same people manage them (see tasks.policy.ts); the record is public. */
export const drawsPolicy = {
  read: tasksPolicy.read,
  write: tasksPolicy.write,
  public: tasksPolicy.public,
} as const;
