import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';

export const BULL_BOARD_PATH = '/admin/queues';

/** Bull Board over every queue; mounted behind requireAdmin. */
export function bullBoardRouter(queues: Queue[]) {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: false })),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'StreamScope jobs' } },
  });
  return adapter.getRouter();
}
