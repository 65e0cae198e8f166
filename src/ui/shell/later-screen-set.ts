/** The screens after the live view and the routine, loaded together on demand (`later-screens.tsx`). */
export { ReflectScreen } from './screens/reflect-screen';
export { HistoryScreen } from './screens/history-screen';
export { PlanScreen, ProgressScreen, ReportScreen } from './screens/practice-screens';
