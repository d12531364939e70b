import { InitialSchema1732190000000 } from './1732190000000-initial-schema';
import { Rollups1732190000001 } from './1732190000001-rollups';
import { XPipeline1732190000010 } from './1732190000010-x-pipeline';
import { TrackedGamesSchedules1732190000020 } from './1732190000020-tracked-games-schedules';
import { HotSweepUpdates1732190000030 } from './1732190000030-hot-sweep-updates';
import { SweepFolding1732190000040 } from './1732190000040-sweep-folding';

export const MIGRATIONS = [InitialSchema1732190000000, Rollups1732190000001, XPipeline1732190000010, TrackedGamesSchedules1732190000020, HotSweepUpdates1732190000030, SweepFolding1732190000040];
