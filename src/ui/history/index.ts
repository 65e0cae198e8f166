/**
 * The history area's components and integration entries, for the app shell to place. Every
 * component takes the store object the shell created once (`createStore()` from src/store).
 */
import './history.css';

export { HistoryView, GateTimeline, type HistoryViewProps } from './history-view';
export { SessionChart, type SessionChartProps } from './session-chart';
export { EndedSessionStory, SessionStoryPanel } from './session-story-view';
export { ReflectionForm, type ReflectionFormProps } from './reflection-form';
export { CommitmentForm, specificityProblem, type CommitmentFormProps } from './commitment-form';
export { CheckInList, type CheckInListProps } from './check-in-list';
export { CheckInReminder, type CheckInReminderProps } from './check-in-reminder';
export { DataControls, type DataControlsProps } from './data-controls';
export { ResumePrompt, type ResumePromptProps } from './resume-prompt';
export { StorageNotice, type StorageNoticeProps } from './storage-notice';
export { ReadingsList, type ReadingsListProps } from './readings-list';
export { FirstReadingOffer, type FirstReadingOfferProps } from './first-reading-offer';
