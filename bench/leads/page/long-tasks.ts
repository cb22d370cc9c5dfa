/** Watches main-thread tasks over 50 ms (the browser's long-task threshold) while some work runs. */
export async function watchLongTasks<T>(
  work: () => Promise<T>,
): Promise<{ value: T; maxTaskMs: number; longTasks: number }> {
  const durations: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) durations.push(entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  try {
    const value = await work();
    // Entries are delivered after the task ends: give the last ones a moment to arrive.
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const entry of observer.takeRecords()) durations.push(entry.duration);
    return { value, maxTaskMs: Math.round(Math.max(0, ...durations)), longTasks: durations.length };
  } finally {
    observer.disconnect();
  }
}
