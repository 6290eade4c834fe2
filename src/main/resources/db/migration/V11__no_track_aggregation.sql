-- A run's tracks are gathered by its worker in memory now: a run lost on the way is started again from scratch by the
-- recovery sweep, so partial aggregates in PostgreSQL had no use left.
drop table track_aggregation_completed;
drop table track_aggregation;
