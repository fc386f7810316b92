"""Hyphenation at the floor size (aligndeck.plan.text.hyphens, through fit_text)."""

from __future__ import annotations

import itertools

import pytest

from aligndeck.plan.model import EMU_PER_PT, Paragraph, Run
from aligndeck.plan.text import fit_text, wrap_styled
from aligndeck.plan.text.fit import CALIBRI_FONTS, SAFETY, _family
from aligndeck.plan.text.hyphens import hyphenate, voiced_positions
from aligndeck.plan.text.syllables import syllable_rule

CASES = [
    # (text, box width in pt, language, text written, lines drawn, words left to be cut)
    ("Instruktionsabstimmungsfeinjustierung", 150, "de-DE",
     "Instruktionsabstim-mungsfeinjustierung",
     ["Instruktionsabstim-", "mungsfeinjustierung"], 0),
    # Three lines either way: at the compound's joints, after the linking -s- (it was
    # "Instruktionsab-" / "stimmungsfein-" / "justierung", the most on each line).
    ("Instruktionsabstimmungsfeinjustierung", 100, "de",
     "Instruktions-abstimmungs-feinjustierung",
     ["Instruktions-", "abstimmungs-", "feinjustierung"], 0),
    # The German patterns allow "fe-in" (between two vowels): a last resort, after the
    # compound's own joint, as a typesetter would break it.
    ("Instruktionsabstimmungsfeinjustierung", 175, "de-DE",
     "Instruktionsabstimmungs-feinjustierung",
     ["Instruktionsabstimmungs-", "feinjustierung"], 0),
    ("Ziekenhuisgegevensverwerkingssysteem", 130, "nl",
     "Ziekenhuisgegevens-verwerkingssysteem",
     ["Ziekenhuisgegevens-", "verwerkingssysteem"], 0),
    # Two letters alone on the next line ("Anweisungsfeinabstimmungspha-se") are no
    # typesetter's break: at least three go there.
    ("Anweisungsfeinabstimmungsphase", 210, "de", "Anweisungsfeinabstimmungs-phase",
     ["Anweisungsfeinabstimmungs-", "phase"], 0),
    # pyphen's German patterns part "rü-ck-ge"; a piece with no vowel ("ck") is no
    # syllable, and joins the one before it ("Wärmerü-" / "ckgewin-" before). Four
    # lines either way: "nungs-" / "anlage" at the joint (it was "nungsan-" / "lage").
    ("Wärmerückgewinnungsanlage", 70, "de-DE", "Wärme-rückgewin-nungs-anlage",
     ["Wärme-", "rückgewin-", "nungs-", "anlage"], 0),
    # Finnish and Turkish: no pyphen dictionary; their spelling guides' syllable rules.
    ("järjestelmäkehittäjä", 80, "fi-FI", "järjestelmä-kehittäjä",
     ["järjestelmä-", "kehittäjä"], 0),
    # The joint, now that the word list knows both words (it was "järjestelmäke-" /
    # "hittäjä": no joint known, the most on the first line).
    ("järjestelmäkehittäjä", 100, "fi", "järjestelmä-kehittäjä",
     ["järjestelmä-", "kehittäjä"], 0),
    # Where vowel harmony changes (back "kansain", front "välistyminen") is a joint.
    ("kansainvälistyminen", 90, "fi", "kansain-välistyminen",
     ["kansain-", "välistyminen"], 0),
    ("Çekoslovakyalılaştıramadıklarımızdan", 150, "tr", "Çekoslovakyalılaştıra-madıklarımızdan",
     ["Çekoslovakyalılaştıra-", "madıklarımızdan"], 0),
    ("Çekoslovakyalılaştıramadıklarımızdan", 100, "tr-TR",
     "Çekoslovakyalı-laştıramadıkları-mızdan",
     ["Çekoslovakyalı-", "laştıramadıkları-", "mızdan"], 0),
    # A compound parts at a joint when that costs no line: after a linking -s-
    # (it was "Wärmerückgewinnungsanlagenerweite-" / "rung", "…gesellschaftska-" /
    # "pitänsmütze", "…verze-" / "keringsmaatschappij", "…verwer-" / "kingssysteem").
    # The main joint, before the head "erweiterung" (after a linking -n-), when the line
    # holds it (it was "Wärmerückgewinnungs-" / "anlagenerweiterung"); else the joint
    # before it.
    ("Wärmerückgewinnungsanlagenerweiterung", 250, "de-DE",
     "Wärmerückgewinnungsanlagen-erweiterung",
     ["Wärmerückgewinnungsanlagen-", "erweiterung"], 0),
    ("Wärmerückgewinnungsanlagenerweiterung", 180, "de-DE",
     "Wärmerückgewinnungs-anlagenerweiterung",
     ["Wärmerückgewinnungs-", "anlagenerweiterung"], 0),
    # pyphen scores a prefix like a joint ("Sonnenenergiean|lagen"): the joint is before
    # it (it was "Sonnenenergiean-" / "lagenbetreiber"), as before "ver" of "veränderung".
    ("Sonnenenergieanlagenbetreiber", 120, "de", "Sonnenenergie-anlagenbetreiber",
     ["Sonnenenergie-", "anlagenbetreiber"], 0),
    ("Leistungsaufnahmeveränderung", 130, "de", "Leistungsaufnahme-veränderung",
     ["Leistungsaufnahme-", "veränderung"], 0),
    ("Donaudampfschifffahrtsgesellschaftskapitänsmütze", 250, "de",
     "Donaudampfschifffahrtsgesellschafts-kapitänsmütze",
     ["Donaudampfschifffahrtsgesellschafts-", "kapitänsmütze"], 0),
    ("Donaudampfschifffahrtsgesellschaftskapitänsmütze", 150, "de",
     "Donaudampfschiff-fahrtsgesellschafts-kapitänsmütze",
     ["Donaudampfschiff-", "fahrtsgesellschafts-", "kapitänsmütze"], 0),
    ("Rechtsschutzversicherungsgesellschaften", 200, "de",
     "Rechtsschutzversicherungs-gesellschaften",
     ["Rechtsschutzversicherungs-", "gesellschaften"], 0),
    ("Leistungsaufnahmeveränderung", 150, "de", "Leistungs-aufnahmeveränderung",
     ["Leistungs-", "aufnahmeveränderung"], 0),
    ("Arbeidsongeschiktheidsverzekeringsmaatschappij", 200, "nl",
     "Arbeidsongeschiktheids-verzekeringsmaatschappij",
     ["Arbeidsongeschiktheids-", "verzekeringsmaatschappij"], 0),
    ("Arbeidsongeschiktheidsverzekeringsmaatschappij", 150, "nl",
     "Arbeidsongeschiktheids-verzekerings-maatschappij",
     ["Arbeidsongeschiktheids-", "verzekerings-", "maatschappij"], 0),
    ("Ziekenhuisgegevensverwerkingssysteem", 180, "nl",
     "Ziekenhuisgegevens-verwerkingssysteem",
     ["Ziekenhuisgegevens-", "verwerkingssysteem"], 0),
    # Where pyphen's patterns score strongest, when no linking -s- is there.
    ("Wärmerückgewinnungsanlage", 140, "de", "Wärme-rückgewinnungsanlage",
     ["Wärme-", "rückgewinnungsanlage"], 0),
    # A joint that would cost a line is not taken: two lines, the most on the first.
    ("Rechtsschutzversicherungsgesellschaften", 160, "de",
     "Rechtsschutzversiche-rungsgesellschaften",
     ["Rechtsschutzversiche-", "rungsgesellschaften"], 0),
    # Finnish: where vowel harmony changes ("kirjasto" back, "järjestelmä" front).
    ("kirjastojärjestelmä", 100, "fi", "kirjasto-järjestelmä",
     ["kirjasto-", "järjestelmä"], 0),
    # A stem in -is- ends where its syllable does not: "kansalais|yhteiskunta" (it was
    # "kansalai-" / "syhteiskunta"), "yhteis|omistus" (was "yhteisomistusso-" /
    # "pimus"); of the two breaks between y and u, "kansalaisyh|teis|kunta", neither
    # is sure.
    ("kansalaisyhteiskunta", 100, "fi", "kansalais-yhteiskunta",
     ["kansalais-", "yhteiskunta"], 0),
    # Of three words, the joint that keeps the most on the first line: "yhteisomistus"
    # (co-ownership) and "sopimus" (it was "yhteis-" / "omistussopimus", the only joint
    # known before the word list).
    ("yhteisomistussopimus", 100, "fi", "yhteisomistus-sopimus",
     ["yhteisomistus-", "sopimus"], 0),
    ("tietokoneohjelmistokehittäjä", 130, "fi", "tietokoneohjelmisto-kehittäjä",
     ["tietokoneohjelmisto-", "kehittäjä"], 0),
    # Hindi (no pyphen dictionary): at an akshara, with a hyphen, rather than cut (it was
    # cut at the edge, with a warning).
    ("कृत्रिमबुद्धिमत्ताप्रशिक्षण", 80, "hi-IN", "कृत्रिमबुद्धिम-त्ताप्रशिक्षण",
     ["कृत्रिमबुद्धिम-", "त्ताप्रशिक्षण"], 0),
    ("अंतर्राष्ट्रीयकरण", 60, "hi", "अंतर्राष्ट्री-यकरण", ["अंतर्राष्ट्री-", "यकरण"], 0),
    ("अंतर्राष्ट्रीयकरण", 45, "hi", "अंतर्रा-ष्ट्रीय-करण", ["अंतर्रा-", "ष्ट्रीय-", "करण"], 0),
    # No legal break: cut at the edge, and the run is reported for a warning.
    ("see https://example.com/averyveryverylongpath", 120, "en-US",
     "see https://example.com/averyveryverylongpath",
     ["see", "https://example.co", "m/averyveryverylo", "ngpath"], 1),
    # No dictionary for the language: likewise.
    ("Instruktionsabstimmungsfeinjustierung", 150, "ja",
     "Instruktionsabstimmungsfeinjustierung",
     ["Instruktionsabstimmung", "sfeinjustierung"], 1),
]


@pytest.mark.parametrize(("text", "width", "language", "written", "drawn", "cut"), CASES)
def test_a_word_too_wide_at_the_floor_is_hyphenated(text: str, width: float, language: str,
                                                    written: str, drawn: list[str],
                                                    cut: int) -> None:
    fit = fit_text(lambda s: [Paragraph((Run(text, s, bold=True),))],
                   round(width * EMU_PER_PT), round(200 * EMU_PER_PT), 20, 14,
                   language=language)
    assert fit.size == 14
    assert fit.paragraphs[0].runs[0].text == _broken(text, written)
    assert wrap_styled(((written, True, False, "Calibri"),), width * SAFETY, 14) == drawn
    assert wrap_styled(((_broken(text, written), True, False, "Calibri"),), width * SAFETY,
                       14) == drawn
    assert len(fit.cut) == cut


def _broken(text: str, written: str) -> str:
    """`written` with a line break after each hyphen hyphenation added to `text`: each ends
    a measured line, and the break keeps it there in a renderer whose font is narrower."""
    out, i = [], 0
    for ch in written:
        if i < len(text) and ch == text[i]:
            i += 1
            out.append(ch)
        else:
            out.append(ch + "\v" if ch == "-" else ch)
    return "".join(out)


def test_hyphenation_waits_for_the_floor() -> None:
    # Above the floor a smaller size is tried first; nothing is hyphenated while one fits.
    fit = fit_text(lambda s: [Paragraph((Run("Instruktionsabstimmungsfeinjustierung", s),))],
                   round(250 * EMU_PER_PT), round(200 * EMU_PER_PT), 24, 10, language="de")
    assert fit.size < 24
    assert "-" not in fit.paragraphs[0].runs[0].text


def test_a_word_that_cannot_be_hyphenated_is_warned_about_at_its_place() -> None:
    from aligndeck.outline.loader import load_outline_text
    from aligndeck.plan.deck import plan_deck

    outline = """title: Talk
stages:
  - name: Pretraining
    summary: Uses compute_the_reward_model_loss_for_each_pair_of_answers_in_the_batch
  - {name: Tuning, summary: Short}
"""
    plan = plan_deck(load_outline_text(outline))
    warned = [f.message for f in plan.findings if f.source == ("stages", 0, "summary")]
    assert ("'compute_the_reward_model_los…' is too wide for its box and has no place to "
            "hyphenate: it is broken where it meets the edge; a space or a hyphen in it, or a "
            "shorter word, avoids that") in warned
    assert all(f.severity == "warning" for f in plan.findings)


SYLLABLES = [
    # Finnish (Kielitoimisto): a consonant before a vowel starts a syllable; vowels part
    # unless long or a diphthong, and a syllable has at most two.
    ("fi", "järjestelmäkehittäjä", "jär-jes-tel-mä-ke-hit-tä-jä"),
    ("fi", "kansainvälistyminen", "kan-sain-vä-lis-ty-mi-nen"),
    ("fi", "maailma", "maa-il-ma"),
    ("fi", "hauis", "hau-is"),
    ("fi", "kahvi", "kah-vi"),
    ("fi", "työntekijä", "työn-te-ki-jä"),
    ("fi", "Äänestys", "Ää-nes-tys"),
    # Two letters at least on each side; a word-initial cluster stays whole.
    ("fi", "strategia", "stra-te-gia"),
    ("fi", "aika", "ai-ka"),
    # Turkish (TDK): one vowel a syllable; the last consonant before a vowel starts it.
    ("tr", "Çekoslovakyalılaştıramadıklarımızdan",
     "Çe-kos-lo-vak-ya-lı-laş-tı-ra-ma-dık-la-rı-mız-dan"),
    ("tr", "Türkçe", "Türk-çe"),
    ("tr", "korkmak", "kork-mak"),
    ("tr", "saat", "sa-at"),
    ("tr", "program", "prog-ram"),
    ("tr", "İstanbul", "İs-tan-bul"),
    ("tr-TR", "KARŞILAŞTIRMA", "KAR-ŞI-LAŞ-TIR-MA"),
    # Hindi: between aksharas (a conjunct such as "क्ष" or "न्द" is never parted), two at
    # least on each side.
    ("hi", "प्रशिक्षण", "प्रशि-क्षण"),
    ("hi-IN", "संयुक्तराष्ट्रसंघ", "संयु-क्त-रा-ष्ट्र-संघ"),
    ("hi", "हिन्दी", "हिन्दी"),
    ("ne", "कृत्रिमबुद्धिमत्ता", "कृत्रि-म-बु-द्धि-मत्ता"),
    ("hi", "GPT४", "GPT४"),
    # A letter outside the alphabet (a digit, a Finnish name in Turkish): no breaks.
    ("tr", "GPT4ün", "GPT4ün"),
    ("tr", "Jyväskylä", "Jyväskylä"),
]


@pytest.mark.parametrize(("language", "word", "hyphenated"), SYLLABLES)
def test_syllable_rules_part_words_where_the_spelling_guides_do(language: str, word: str,
                                                                hyphenated: str) -> None:
    rule = syllable_rule(language)
    assert rule is not None
    cuts = [0, *rule.positions(word), len(word)]
    assert "-".join(word[a:b] for a, b in itertools.pairwise(cuts)) == hyphenated


@pytest.mark.parametrize(("language", "rule"), [("fi", True), ("tr-TR", True), ("hi", True),
                                                ("de", False), ("ja", False)])
def test_only_finnish_turkish_and_devanagari_have_syllable_rules(language: str, rule: bool) -> None:
    assert (syllable_rule(language) is not None) == rule


@pytest.mark.parametrize(("word", "language", "pieces"), [
    # pyphen's de_DE patterns give "Wär-me-rü-ck-ge-win-nungs-an-la-ge-n-er-wei-te-rung".
    ("Wärmerückgewinnungsanlagenerweiterung", "de-DE",
     ["Wär", "me", "rück", "ge", "win", "nungs", "an", "la", "gen", "er", "wei", "te", "rung"]),
    ("Nachrüstungsbedarf", "de", ["Nach", "rüs", "tungs", "be", "darf"]),
    ("Brücke", "de", ["Brü", "cke"]),
    # Czech syllables may have no vowel ("krk", "vlk"): its breaks are kept as they are.
    ("Krkonoše", "cs", ["Kr", "ko", "no", "še"]),
])
def test_no_hyphen_leaves_a_piece_without_a_vowel(word: str, language: str,
                                                   pieces: list[str]) -> None:
    import pyphen

    dictionary = pyphen.Pyphen(lang=pyphen.language_fallback(language.replace("-", "_")))
    bounds = [0, *voiced_positions(word, dictionary.positions(word), language), len(word)]
    assert [word[a:b] for a, b in itertools.pairwise(bounds)] == pieces


@pytest.mark.parametrize(("word", "language", "width", "size", "written"), [
    # Below 16 pt a compound parts at a sure joint rather than shrink on (the overview's
    # stage names: set whole at 12 pt, every summary at the floor with them).
    ("Instruktionsabstimmungsfeinjustierung", "de", 220, 15,
     "Instruktionsabstimmungs-feinjustierung"),
    ("Donaudampfschifffahrtsgesellschaftskapitänsmütze", "de", 260, 15,
     "Donaudampfschifffahrtsgesellschafts-kapitänsmütze"),
    ("Wärmerückgewinnungsanlagenerweiterung", "de", 220, 15,
     "Wärmerückgewinnungsanlagen-erweiterung"),
    ("kansalaisyhteiskunta", "fi", 110, 15, "kansalais-yhteiskunta"),
    # No joint (English has none to find): it shrinks as before, whole.
    ("Pneumonoultramicroscopicsilicovolcanoconiosis", "en", 220, 10,
     "Pneumonoultramicroscopicsilicovolcanoconiosis"),
])
def test_a_compound_parts_at_a_joint_before_it_shrinks_far(
        word: str, language: str, width: float, size: float, written: str) -> None:
    def make(s: float) -> list[Paragraph]:
        return [Paragraph((Run(word, s, bold=True),))]

    box = round(width * EMU_PER_PT), round(200 * EMU_PER_PT)
    fit = fit_text(make, *box, 22, 10, language=language, joints_below=16)
    assert (fit.size, fit.paragraphs[0].runs[0].text) == (size, _broken(word, written))
    assert fit.fits and fit.cut == ()
    # Without it the word shrinks until it fits whole.
    plain = fit_text(make, *box, 22, 10, language=language)
    assert plain.size <= size and plain.paragraphs[0].runs[0].text == word


@pytest.mark.parametrize(("height", "written"), [
    # At the last size tried the joints come first too, a line more while the box holds
    # it: on the BSE template the overview's name was fitted with its joints and then set
    # at that size on its own as "Instruktionsabstim-" / "mungsfeinjustierung".
    (200, "Instruktions-abstimmungs-feinjustierung"),
    # Three lines do not fit: any legal break, the fewest lines.
    (40, "Instruktionsabstim-mungsfeinjustierung"),
])
def test_the_last_size_parts_a_compound_at_its_joints_while_they_fit(height: float,
                                                                     written: str) -> None:
    def make(s: float) -> list[Paragraph]:
        return [Paragraph((Run("Instruktionsabstimmungsfeinjustierung", s, bold=True),))]

    box = round(150 * EMU_PER_PT), round(height * EMU_PER_PT)
    fit = fit_text(make, *box, 15, 15, language="de", joints_below=16)
    assert (fit.size, fit.paragraphs[0].runs[0].text, fit.fits) == (
        15, _broken("Instruktionsabstimmungsfeinjustierung", written), True)


FINNISH = [
    # (word, width in pt at 20 pt, lines). Finnish compounds part where their words meet
    # (data/finnish-words.txt), and each word by the syllable rules on its own: the rules
    # read over the whole word put a consonant before a vowel on the next line, a letter
    # off a joint after a consonant ("kaupungi-" / "nosa", "valtio-" / "navustus",
    # "henkilöstö-" / "nedustaja", "tutkimu-" / "saineisto") or a cluster's first letter
    # on the line before ("tietop-" / "rosessi").
    ("kaupunginosa", 100, ["kaupungin-", "osa"]),
    ("valtionavustus", 80, ["valtion-", "avustus"]),
    ("henkilöstönedustaja", 120, ["henkilöstön-", "edustaja"]),
    ("tutkimusaineisto", 80, ["tutkimus-", "aineisto"]),
    ("tietoprosessi", 80, ["tieto-", "prosessi"]),
    ("ihmisoikeusjärjestö", 80, ["ihmis-", "oikeus-", "järjestö"]),
    ("tietoturvastrategia", 100, ["tietoturva-", "strategia"]),
    # The words of the issue: each break at a joint.
    ("tietoturvallisuus", 100, ["tieto-", "turvallisuus"]),
    ("tietoturvallisuus", 60, ["tieto-", "turval-", "lisuus"]),
    ("kansalaisyhteiskunta", 100, ["kansalais-", "yhteiskunta"]),
    ("ympäristönsuojelu", 100, ["ympäristön-", "suojelu"]),
    ("terveydenhuoltojärjestelmä", 100, ["terveyden-", "huolto-", "järjestelmä"]),
    ("terveydenhuoltojärjestelmä", 150, ["terveydenhuolto-", "järjestelmä"]),
    ("työttömyysvakuutus", 100, ["työttömyys-", "vakuutus"]),
    # A joint between two vowels is no break between two vowels of one word: it was
    # "tieto-" / "ko-" / "neoh-" / "jelmis-" / "toke-" / "hittäjä".
    ("tietokoneohjelmistokehittäjä", 60,
     ["tieto-", "kone-", "ohjel-", "misto-", "kehit-", "täjä"]),
    ("tietokoneohjelmistokehittäjä", 100, ["tietokone-", "ohjelmisto-", "kehittäjä"]),
    ("ympäristöohjelma", 100, ["ympäristö-", "ohjelma"]),
    # An ending after the last word is no joint ("järjestelmä-" / "ssä").
    ("tietojärjestelmässä", 130, ["tieto-", "järjestelmässä"]),
]


@pytest.mark.parametrize(("word", "width", "lines"), FINNISH)
def test_finnish_compounds_part_at_their_joints(word: str, width: float,
                                                 lines: list[str]) -> None:
    paragraph = Paragraph((Run(word, 20),))
    done, cut = hyphenate(paragraph, width, "fi", CALIBRI_FONTS, _family)
    assert cut == ()
    written = done.runs[0].text
    assert wrap_styled(((written, False, False, "Calibri"),), width, 20) == lines


@pytest.mark.parametrize(("word", "syllables"), [
    ("kaupunginosa", "kau-pun-gin-osa"),
    ("tietoprosessi", "tie-to-pro-ses-si"),
    ("tutkimusaineisto", "tut-ki-mus-ai-neis-to"),
    # A word the list does not know is read by the rules alone.
    ("kansainvälistyminen", "kan-sain-vä-lis-ty-mi-nen"),
])
def test_finnish_syllables_are_found_in_each_word_of_a_compound(word: str,
                                                                syllables: str) -> None:
    rule = syllable_rule("fi")
    assert rule is not None
    bounds = [0, *rule.positions(word), len(word)]
    assert "-".join(word[a:b] for a, b in itertools.pairwise(bounds)) == syllables
