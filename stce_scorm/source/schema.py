"""JSON Schemas of the source files, generated from the models, for editors' YAML validation."""

from __future__ import annotations

from pydantic import BaseModel

from stce_scorm.source.models import Assessment, Glossary, LessonFrontMatter, ModuleConfig, QuestionFile

SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "module": ModuleConfig,
    "lesson": LessonFrontMatter,
    "questions": QuestionFile,
    "assessment": Assessment,
    "glossary": Glossary,
}


def json_schemas() -> dict[str, dict]:
    """One JSON Schema (draft 2020-12) per source file kind."""
    schemas = {}
    for name, model in SCHEMA_MODELS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"https://stce-scorm.invalid/schemas/{name}.schema.json"
        schemas[name] = schema
    return schemas
