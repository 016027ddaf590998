"""Kana helpers: dictionary order (五十音順) and width/kana-blind matching.

Japanese dictionaries order words by their reading, treating voiced marks
(が→か), small kana (ゃ→や) and the long-vowel mark (ー → the vowel it
lengthens) as the plain kana first, and only then break ties
(清音 < 濁音 < 半濁音, small before normal size). Unicode code points do not do
that, and databases collate kana differently from each other, so the order is
turned into a key of ASCII digits that sorts the same everywhere.
"""

import re
import unicodedata

_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}
# Half-width ASCII ! … ~ to its full-width form (Ａ, １ …).
_FULL_WIDTH = {code: code + 0xFEE0 for code in range(0x21, 0x7F)}
_SMALL = dict(zip("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ", strict=True))
_VOICED = dict(
    zip(
        "がぎぐげござじずぜぞだぢづでどばびぶべぼゔ",
        "かきくけこさしすせそたちつてとはひふへほう",
        strict=True,
    )
)
_SEMI_VOICED = dict(zip("ぱぴぷぺぽ", "はひふへほ", strict=True))
_VOWEL_ROWS = {
    "あ": "あかさたなはまやらわ",
    "い": "いきしちにひみり",
    "う": "うくすつぬふむゆる",
    "え": "えけせてねへめれ",
    "お": "おこそとのほもよろを",
}
_VOWEL_OF = {kana: vowel for vowel, kanas in _VOWEL_ROWS.items() for kana in kanas}
_INDEX_ROWS = (
    ("あ", "あいうえお"),
    ("か", "かきくけこ"),
    ("さ", "さしすせそ"),
    ("た", "たちつてと"),
    ("な", "なにぬねの"),
    ("は", "はひふへほ"),
    ("ま", "まみむめも"),
    ("や", "やゆよ"),
    ("ら", "らりるれろ"),
    ("わ", "わをん"),
)
# Characters a reading may hold besides kana: spaces between words and the
# middle dot of compound loanwords.
_KANA_READING = re.compile(r"[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe・ ]+")
_IGNORED_IN_ORDER = " ・"
_SPACES = re.compile(r"\s+")


def to_hiragana(text: str) -> str:
    """Turn katakana into hiragana (after folding half-width forms)."""
    return unicodedata.normalize("NFKC", text).translate(_KATAKANA_TO_HIRAGANA)


def is_kana_reading(text: str) -> bool:
    """Tell whether ``text`` is written in kana only (spaces and ・ allowed)."""
    return bool(_KANA_READING.fullmatch(unicodedata.normalize("NFKC", text)))


def _plain(kana: str) -> tuple[str, int]:
    """Return the plain kana and a tie-break rank for one hiragana character."""
    if kana in _SMALL:
        return _SMALL[kana], 1
    if kana in _VOICED:
        return _VOICED[kana], 4
    if kana in _SEMI_VOICED:
        return _SEMI_VOICED[kana], 6
    return kana, 2


def _digits(text: str) -> str:
    return "".join(f"{ord(char):06d}" for char in text)


def gojuon_key(reading: str) -> str:
    """Return a key of ASCII digits that sorts readings as a dictionary does."""
    plain: list[str] = []
    ranks: list[str] = []
    for char in to_hiragana(reading):
        if char in _IGNORED_IN_ORDER:
            continue
        if char == "ー":
            # The long-vowel mark sorts as the vowel it lengthens.
            plain.append(_VOWEL_OF.get(plain[-1], "ー") if plain else "ー")
            ranks.append("0")
            continue
        base, rank = _plain(char)
        plain.append(base)
        ranks.append(str(rank))
    # 000000 ends the primary part, so a reading that is the beginning of
    # another sorts before it whatever the tie-break digits are.
    return _digits("".join(plain)) + "000000" + "".join(ranks)


def index_row(reading: str) -> str | None:
    """Return the 五十音 row (あ, か … わ) a reading is filed under."""
    for char in to_hiragana(reading):
        if char in _IGNORED_IN_ORDER:
            continue
        base, _rank = _plain(char)
        for row, kanas in _INDEX_ROWS:
            if base in kanas:
                return row
        return None
    return None


INDEX_ROWS = tuple(row for row, _kanas in _INDEX_ROWS)


def alphanumeric_key(text: str) -> str:
    """Return a key of ASCII digits ordering Latin text without regard to case."""
    return _digits(unicodedata.normalize("NFKC", text).casefold())


def is_alphanumeric_start(text: str) -> bool:
    """Tell whether a word starts with a Latin letter or a digit (英数)."""
    first = unicodedata.normalize("NFKC", text)[:1]
    return first.isascii() and first.isalnum()


def search_form(text: str) -> str:
    """Fold text for matching: width, kana, case and spaces do not matter."""
    return _SPACES.sub("", to_hiragana(text).casefold())


def width_forms(word: str) -> list[str]:
    """The forms of ``word`` to look for in text stored as it was typed.

    The word as typed, folded to half width (NFKC: ＲＰＡ → RPA, ｵﾝﾗｲﾝ →
    オンライン), and its Latin letters and digits in full width in both cases
    (a database that folds the case of ASCII only still finds ＲＰＡ for
    rpa). No form is repeated.
    """
    half = unicodedata.normalize("NFKC", word)
    full = half.translate(_FULL_WIDTH)
    return list(dict.fromkeys([word, half, full.upper(), full.lower()]))
