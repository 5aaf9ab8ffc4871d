import {
  anomalyFlagSchema, anomalyListSchema, statsIndicatorsSchema, statsReportSchema, type AnomalyFlagView, type StatsIndicators, type StatsReport,
} from '../../contracts/oversight.ts';
import type { z } from 'zod';
import { apiRequest, buildUrl } from './client.ts';

export type AnomalyList = z.infer<typeof anomalyListSchema>;
export type { AnomalyFlagView, StatsIndicators, StatsReport };

export function getIndicators(year: number): Promise<StatsIndicators> {
  return apiRequest('GET', '/api/v1/stats/indicators', { query: { year }, schema: statsIndicatorsSchema });
}

export function getAnomalies(year: number): Promise<AnomalyList> {
  return apiRequest('GET', '/api/v1/stats/anomalies', { query: { year }, schema: anomalyListSchema });
}

export function reviewAnomaly(id: string, year: number, note: string): Promise<AnomalyFlagView> {
  return apiRequest('POST', `/api/v1/stats/anomalies/${encodeURIComponent(id)}/review`, { body: { year, note }, schema: anomalyFlagSchema });
}

export function getReport(period: string): Promise<StatsReport> {
  return apiRequest('GET', '/api/v1/stats/report', { query: { period }, schema: statsReportSchema });
}

export function reportXlsxUrl(period: string): string {
  return buildUrl('/api/v1/stats/report.xlsx', { period });
}

export function assessmentXlsxUrl(year: number): string {
  return buildUrl('/api/v1/stats/assessment.xlsx', { year });
}
