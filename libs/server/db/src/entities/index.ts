import { ApiKeyEntity, IngestionRunEntity } from './shared.entities';
import { ScheduleOverrideEntity, TwitchTrackedGameEntity } from './operator.entities';
import {
  TwitchChannelEntity,
  TwitchGameEntity,
  TwitchStreamEntity,
  TwitchStreamSnapshotEntity,
  TwitchSweepEntity,
  TwitchSweepGameEntity,
  TwitchSweepGameLanguageEntity,
  TwitchSweepLanguageEntity,
  TwitchSweepTotalEntity,
  TwitchTopGameEntity,
} from './twitch.entities';
import {
  XAuthorEntity,
  XCountEntity,
  XPostEntity,
  XPostEntityEntity,
  XPostMetricEntity,
  XPostQueryEntity,
  XTrackedQueryEntity,
} from './x.entities';

export * from './shared.entities';
export * from './operator.entities';
export { defineEntity } from './define';
export * from './twitch.entities';
export * from './x.entities';

export const ENTITIES = [
  TwitchSweepEntity,
  TwitchStreamSnapshotEntity,
  TwitchStreamEntity,
  TwitchGameEntity,
  TwitchChannelEntity,
  TwitchTopGameEntity,
  TwitchSweepTotalEntity,
  TwitchSweepGameEntity,
  TwitchSweepLanguageEntity,
  TwitchSweepGameLanguageEntity,
  XTrackedQueryEntity,
  XCountEntity,
  XPostEntity,
  XPostQueryEntity,
  XPostEntityEntity,
  XPostMetricEntity,
  XAuthorEntity,
  IngestionRunEntity,
  ApiKeyEntity,
  TwitchTrackedGameEntity,
  ScheduleOverrideEntity,
];
