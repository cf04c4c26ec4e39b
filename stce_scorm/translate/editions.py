"""The module in each language a build makes: the source module, and one translation per target language.

A translation is checked like the source (the same checks run on the translated module), and its
coverage is checked against the source: a build refuses a language with missing or stale units
unless told to allow them, and then says so on the module's first page.
"""

from __future__ import annotations

from dataclasses import replace

from stce_scorm.check import check_module
from stce_scorm.errors import ModuleError, Problem, error
from stce_scorm.source.models import Module

# Said on the first page of a package built with --allow-untranslated, in the package's language (one per
# UI language of themes/base/locale); {source} is the source language's name in that language, from CLDR.
UNTRANSLATED_NOTICE = {
    "en": "Parts of this module are not translated yet and are shown in {source}.",
    "fr": "Certaines parties de ce module ne sont pas encore traduites\u00a0: elles sont affichées en {source}.",
    "es": "Algunas partes de este módulo aún no están traducidas y se muestran en {source}.",
    "pt": "Algumas partes deste módulo ainda não estão traduzidas e são apresentadas em {source}.",
    "ar": "بعض أجزاء هذه الوحدة لم تُترجم بعد، وهي معروضة باللغة {source}.",
}


def declared_languages(module: Module) -> list[str]:
    """Every language the module is built in: its source language first, then its translations."""
    return [module.config.language, *module.config.translations]


def language_problems(module: Module, wanted: list[str] | None) -> list[Problem]:
    """A translation list that repeats the source language or itself, or a --lang the module does not declare."""
    config = module.config
    problems: list[Problem] = []
    seen = {config.language}
    for index, language in enumerate(config.translations):
        if language in seen:
            problems.append(error(config.field_pos("translations", index),
                                  f"language '{language}' is listed twice (or is the source language)",
                                  "list each target language once; 'language' is the source's", "translations"))
        seen.add(language)
    for language in wanted or []:
        if language not in declared_languages(module):
            problems.append(error(config.field_pos("translations"),
                                  f"--lang {language}: the module is not translated into '{language}'",
                                  f"choose one of: {', '.join(declared_languages(module))}, or add it to "
                                  "'translations' in module.yaml", "translations"))
    return problems


def translation_warnings(module: Module, in_source: list[Problem] | None = None) -> list[Problem]:
    """What `check` says about every declared translation: missing and stale units, broken markup, and what
    the checks find in the translated module that they did not find in the source (`in_source`)."""
    problems = language_problems(module, None)
    for language in dict.fromkeys(module.config.translations):
        if language == module.config.language:
            continue
        from stce_scorm.translate.apply import apply_translation, coverage_problems
        from stce_scorm.translate.workflow import load_catalog

        catalog, found = load_catalog(module, language)
        problems += found
        problems += coverage_problems(module, catalog, untranslated_is_error=False)
        if not any(p.severity == "error" for p in found):
            in_source = in_source if in_source is not None else check_module(module)
            problems += _new_in_translation(check_module(apply_translation(module, catalog)), in_source, language)
    return problems


def editions(module: Module, languages: list[str], allow_untranslated: bool,
             versions: list[str] | None = None) -> tuple[list[Module], list[Problem]]:
    """The module in each of `languages` (the source module itself for its own language), checked."""
    built: list[Module] = []
    problems = language_problems(module, languages)
    if problems:
        return [], problems
    for language in languages:
        if language == module.config.language:
            built.append(module)
            continue
        # Imported here: a build in the source language alone needs no catalog (nor translate-toolkit).
        from stce_scorm.translate.apply import apply_translation, coverage_problems
        from stce_scorm.translate.catalog import catalog_path
        from stce_scorm.translate.workflow import load_catalog

        catalog, found = load_catalog(module, language)
        if not catalog_path(module.root, language).is_file() and not allow_untranslated:
            found.append(error(module.config.field_pos("translations"),
                               f"no translation file {catalog.file} for '{language}'",
                               "write it with stce-scorm translate (see the authoring guide), or build with "
                               "--allow-untranslated", "translations"))
        problems += found
        if any(p.severity == "error" for p in found):
            continue
        problems += coverage_problems(module, catalog, untranslated_is_error=not allow_untranslated)
        translated = apply_translation(module, catalog)
        if translated.untranslated:
            _say_untranslated(translated, module.config.language)
        problems += _new_in_translation(check_module(translated, versions), check_module(module, versions), language)
        built.append(translated)
    return built, problems


def edition(module: Module, language: str | None, allow_untranslated: bool = False) -> Module:
    """The module in one `language` (its source language by default), for a document made in one language
    (storyboard, workshop kit); raise `ModuleError` as a build would refuse that language."""
    if language is None or language == module.config.language:
        return module
    translated, problems = editions(module, [language], allow_untranslated)
    if any(p.severity == "error" for p in problems):
        raise ModuleError(problems)
    return translated[0]


def _new_in_translation(found: list[Problem], in_source: list[Problem], language: str) -> list[Problem]:
    """The translated module's problems that the source does not have (a longer page, a larger save at close)."""
    known = {(p.pos, p.message) for p in in_source}
    return _in_language([p for p in found if (p.pos, p.message) not in known], language)


def _in_language(problems: list[Problem], language: str) -> list[Problem]:
    return [replace(p, message=f"in the '{language}' translation: {p.message}") for p in problems]


def untranslated_notice(language: str, source: str) -> str:
    """The sentence that tells learners of a `language` package that some texts are still in `source`."""
    from babel import Locale

    base = language.split("-")[0] if language.split("-")[0] in UNTRANSLATED_NOTICE else "en"
    names = Locale.parse(base).languages  # CLDR's names of languages, in the package's language
    return UNTRANSLATED_NOTICE[base].format(source=names.get(source.split("-")[0], source))


def _say_untranslated(module: Module, source: str) -> None:
    """Put a warning at the top of the first page: some text is still in the source language."""
    notice = untranslated_notice(module.config.language, source)
    page = module.lessons[0].pages[0]
    block = f"::: warning\n{notice}\n:::\n\n"
    heading, _, rest = page.markdown.partition("\n")
    page.markdown = f"{heading}\n\n{block}{rest.lstrip(chr(10))}"
    page.body = f"\n{block}{page.body.lstrip(chr(10))}"
