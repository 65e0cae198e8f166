/**
 * The practice area: the weekly plan and its calendar file, the 0–10 check-ins, progress over weeks,
 * the report to share, and keeping the history. Every component takes the store the shell created.
 */
import './practice.css';

export { PlanEditor, type PlanEditorProps } from './plan-editor';
export { CheckInForm, type CheckInFormProps } from './check-in-form';
export { NextRitualCard, type NextRitualCardProps } from './next-ritual-card';
export { KeepingPanel, type KeepingPanelProps } from './keeping-panel';
export { ProgressView } from './progress-view';
export { ReportView, NOT_MEDICAL } from './report-view';
