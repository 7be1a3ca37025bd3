"""The analysis stages, one module each: ``build(tables, params)`` makes a stage's table(s)
from the tables it needs. Which stage needs what, its schema, version and cache key are
declared once, in :data:`analysis.pipeline.STAGES`; a new stage is a module here and one
entry there."""

from analysis.stages import amounts, entities, events, mentions, places, topics, tracker, trend_days

__all__ = ["amounts", "entities", "events", "mentions", "places", "topics", "tracker", "trend_days"]
