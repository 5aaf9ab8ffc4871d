/**
 * 回访 (callbacks): oversight asks inspected entities afterwards how the inspection went —
 * whether it was announced beforehand, whether the officers showed their certificates, any
 * improper requests, and how satisfied the entity is. The dashboard shows the summary.
 */
export const callbackChannels = ['phone', 'visit', 'sms', 'online', 'other'] as const;
export type CallbackChannel = (typeof callbackChannels)[number];
export const callbackChannelLabels: Record<CallbackChannel, string> = {
  phone: '电话', visit: '上门', sms: '短信', online: '网上', other: '其他',
};

export const satisfactionLevels = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof satisfactionLevels)[number];
export const satisfactionLabels: Record<Satisfaction, string> = {
  satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意',
};

export interface CallbackFacts {
  /** Was the inspection announced to the entity beforehand (双随机 inspections should not be)? */
  announcedInAdvance: boolean;
  certificatesShown: boolean;
  improperRequests: boolean;
  satisfaction: Satisfaction;
}

export interface CallbackSummary {
  total: number;
  announcedInAdvance: number;
  certificatesNotShown: number;
  improperRequests: number;
  bySatisfaction: Record<Satisfaction, number>;
  /** (满意 + 基本满意) / total; null when there are no callbacks. */
  satisfactionRate: number | null;
  /** Callbacks that need oversight's attention: announced, no certificates, improper requests or dissatisfied. */
  concerns: number;
}

export function needsAttention(c: CallbackFacts): boolean {
  return c.announcedInAdvance || !c.certificatesShown || c.improperRequests || c.satisfaction === 'dissatisfied';
}

export function summarizeCallbacks(callbacks: readonly CallbackFacts[]): CallbackSummary {
  const bySatisfaction: Record<Satisfaction, number> = { satisfied: 0, basically_satisfied: 0, dissatisfied: 0 };
  let announcedInAdvance = 0;
  let certificatesNotShown = 0;
  let improperRequests = 0;
  let concerns = 0;
  for (const c of callbacks) {
    bySatisfaction[c.satisfaction] += 1;
    if (c.announcedInAdvance) announcedInAdvance += 1;
    if (!c.certificatesShown) certificatesNotShown += 1;
    if (c.improperRequests) improperRequests += 1;
    if (needsAttention(c)) concerns += 1;
  }
  const total = callbacks.length;
  return {
    total, announcedInAdvance, certificatesNotShown, improperRequests, bySatisfaction, concerns,
    satisfactionRate: total === 0 ? null : (bySatisfaction.satisfied + bySatisfaction.basically_satisfied) / total,
  };
}
