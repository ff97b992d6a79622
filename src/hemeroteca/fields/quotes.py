"""Who is quoted: the lead-in sentence before a block quotation names the speaker ("Comrade Trotsky writes:",
"Diz o camarada Stálin:"), or the citation closing it does ("… (Lênin, Obras Completas, vol. XV).")."""

from __future__ import annotations

import re

# Verbs of saying and writing, in the archive's languages, as lead-ins use them.
_SPEECH_VERBS = (
    r"writes|wrote|says|said|declares|declared|states|stated|explains|explained|observes|observed|remarks|remarked"
    r"|adds|added|continues|continued|replies|replied|answers|answered|asserts|asserted|insists|insisted|notes|noted"
    r"|points out|pointed out|puts it|argues|argued|tells us|told us|asks|asked|concludes|concluded|recalls|recalled"
    r"|warns|warned|stresses|stressed|proclaims|proclaimed|exclaims|exclaimed|sums up|summed up|comments|commented"
    r"|admits|admitted|maintains|maintained|defines|defined|characterises|characterizes|characterised|characterized"
    r"|escreve|escreveu|escrevia|escrevera|diz|disse|dizia|afirma|afirmou|afirmava|declara|declarou|explica|explicou"
    r"|observa|observou|acrescenta|acrescentou|responde|respondeu|ensina|ensinou|ensinava|assinala|assinalou|sublinha"
    r"|sublinhou|prossegue|continua|continuou|lamenta|lamentou|caracteriza|caracterizou|define|definiu|adverte"
    r"|advertiu|advertia|propõe|propôs|exclama|exclamou|lembra|lembrou|recorda|recordou|conclui|concluiu|formula"
    r"|formulou|proclama|proclamou|salienta|salientou|destaca|destacou|aponta|apontou|expõe|expôs|resume|resumiu"
    r"|comenta|comentou|pergunta|perguntou|sustenta|sustentou|reconhece|reconheceu|insiste|insistiu|apelam|apela"
    r"|repete|repetia|repetiu|deixou escrito"
    r"|escribe|escribió|escribía|dice|dijo|decía|afirmó|declaró|explicó|señala|señaló|agrega|agregó|añade|añadió"
    r"|respondió|advierte|advirtió|recuerda|recordó|concluye|concluyó|sostiene|sostuvo|subraya|subrayó|pregunta"
    r"|preguntó|пишет|писал|говорит|говорил|сказал"
    r"|palavras de|words of|palabras de"  # "com as palavras de Lênin:"
    r"|grito de|conclusão de|frase de|resposta de"  # "o grito de Epicuro:", "E a conclusão de Ustrialov era:"
)
# One to four capitalised words, with the particles of names between them: "Stálin", "Heinrich Brandler",
# "Rosa de Luxemburgo".
_NAME = r"[A-ZÀ-ÝА-ЯЁ][\w’'.-]*(?:\s+(?:(?:de|da|do|dos|del|von|van|der|la|le)\s+)?[A-ZÀ-ÝА-ЯЁ][\w’'.-]*){0,3}"
# Case-insensitive, scoped: the name after them must still be capitalised.
_VERB = rf"(?i:{_SPEECH_VERBS})"
_TITLE = r"(?i:(?:(?:o|el|la|the|our|nosso|nuestro)\s+)?(?:(?:camarada|companheiro|compañero|comrade|presidente|president)\s+)?)"
# The verb is found first (one pass), then the name beside it: scanning for a name at every capital is slow.
_VERB_AT = re.compile(rf"\b{_VERB}\b")
# A word between the name and its verb: "Lenin then wrote:", "Lenine logo escrevia:", "Marx brilliantly put it:".
_ADVERB = r"(?:then|also|again|lhe|nos|ainda|también|logo|já|bem|mesmo|assim|[a-zà-ÿ]+mente|[a-z]+ly)"
# "Comrade Trotsky writes:", "o camarada Stálin escreveu:", "Lênin afirmou:", "Heinrich Brandler escreveu:".
_NAME_BEFORE = re.compile(rf"(?P<who>{_NAME})(?:\s*,\s*[^,]{{1,60}},)?\s+(?:{_ADVERB}\s+)?$")
# "Diz o camarada Stálin:", "escreveu Thalheimer:", "dijo el presidente Allende:".
_NAME_AFTER = re.compile(rf"\s+{_TITLE}(?P<who>{_NAME})")
# The last sentence of a lead-in: after the last full stop followed by a space, within its last characters.
_LEAD_IN_TAIL = 600
_SENTENCE_BREAK = re.compile(r"[.;!?]\s+")
# Capitalised words that name no one: pronouns, articles and adverbs opening a sentence ("Como dizia Marx:").
_NOT_NAMES = {
    "he", "she", "it", "they", "we", "i", "you", "this", "that", "there", "then", "the", "a", "an", "and", "but",
    "as", "so", "thus", "now", "here", "when", "later", "also", "however",
    "ele", "ela", "eles", "elas", "nós", "isto", "este", "esta", "isso", "o", "os", "e", "mas", "aqui", "ali",
    "como", "depois", "assim", "então", "entretanto", "porém", "contudo", "também", "hoje", "ainda", "quando", "mais",
    "él", "ella", "ellos", "ellas", "nosotros", "esto", "el", "la", "los", "las", "y", "pero", "después", "así",
    "entonces", "cuando",
}
_HONORIFICS = {
    "comrade", "comrades", "mr", "mrs", "dr", "prof", "professor", "general", "citizen", "president",
    "camarada", "companheiro", "presidente", "señor", "senhor", "senator", "senador", "deputado", "diputado",
}
# "(Lênin, Obras Completas, vol. XV)." and "(Marx, Crítica da Economia Política, prefacio)" closing a quotation.
_CLOSING_CITATION = re.compile(r"\((?P<who>[A-ZÀ-ÝА-ЯЁ][\w’'. -]{1,40}?)(?:,[^()]{0,160})?\)\.?\s*$")
_PAGE_CITED = re.compile(r"\((?:pp?|pág|págs|S|Bd)\.?\s*\d+(?:\s*[-–]\s*\d+)?\)\.?$")
QUOTE_MARKS = ("“", "\"", "«", "„", "‘")


def attribution_from_lead_in(text: str) -> str | None:
    """"Comrade Trotsky writes:" → "Trotsky", "Diz o camarada Stálin:" → "Stálin"; None when no speaker is named."""
    text = text.rstrip()
    if not text.endswith(":"):
        return None
    sentence = _SENTENCE_BREAK.split(text[-_LEAD_IN_TAIL:])[-1]
    for verb in reversed(list(_VERB_AT.finditer(sentence))):  # the verb nearest the colon introduces the quotation
        if ":" in sentence[verb.end() : -1]:
            continue  # what the verb introduces must be the quotation
        for match in (_NAME_BEFORE.search(sentence, 0, verb.start()), _NAME_AFTER.match(sentence, verb.end())):
            words = match.group("who").split() if match else []
            while words and (words[0].casefold() in _NOT_NAMES or words[0].casefold().rstrip(".") in _HONORIFICS):
                words.pop(0)  # "Then Lenin said:", "O Presidente Mao disse:"
            if words and words[0][0].isupper():
                return " ".join(words)
    return None


def cited_at_close(text: str) -> str | None:
    """The name a quotation's closing citation opens with: "… (Lênin, Obras Completas, vol. XV)." → "Lênin".

    Only a candidate: the caller keeps it when it names a known person, not a title ("(Obras, vol. 2)")."""
    match = _CLOSING_CITATION.search(text.strip())
    return match.group("who").strip() if match else None


def is_quoted_paragraph(text: str) -> bool:
    """A paragraph that is one quotation from its first character to its last, or that closes with the page it was
    taken from ("… of which they are composed. (p 247)"), as quotations do once a conversion has lost their markup."""
    text = text.strip()
    if _PAGE_CITED.search(text):
        return True
    return len(text) > 1 and text.startswith(QUOTE_MARKS) and text.rstrip(".").endswith(("”", "\"", "»", "“", "’"))
