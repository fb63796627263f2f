"""English: the rules of :class:`voice_guide.lang.Language` for English text."""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

from voice_guide.lang import fold_accents
from voice_guide.lang.zipf_table import ZipfTable

STOPWORDS = frozenset(
    """a an the is are was were be been being am do does did done doing have has had having i you he
    she it we they them him her me us this that these those what which who whom whose when where how
    can could would should will shall may might must of to in on at by for with from about as into
    through during before after above below up down out off over under again then once here there all
    both each few such nor not only own same than too s t don and or but if because until while
    its it's there's ever any no yes whether does doesn't isn't aren't way able""".split()
)
"""Function words of English."""

PRONOUNS = frozenset({"it"})
"""Words that stand for a thing named before; asked of the guide with nothing named, its subject (nlu/subject.py).
"this" and "that" were measured with it and left out: they point back at what the sentence itself named ("should
she use a walking frame or will that make her weaker" read the introduction as "will muscle atrophy make her
weaker"; tuning +1 out-of-domain answer for +1 knowledge)."""

POINTING_WORDS = frozenset({"it", "this", "that", "these", "those", "they", "them", "he", "she", "him", "his", "her",
                            "hers", "their", "one", "such"})
"""Words of a question that stand for something named before it (twenty-sixth round, nlu/preamble.py): a question
after a preamble is read alone only without one of them, since "my mum's knuckles are swollen, is that arthritis"
asks about the preamble (tuning: 2 of 2 such out-of-domain lines were answered from the question alone)."""

ARTICLE_POINTER = re.compile(r"\b((the|this|your) (article|guide|text|piece|page|write up)|you (mentioned|said|talked about"
                             r"|were talking about|spoke about|meant|called|described))\b")
"""Words of a cleaned sentence that point at the article or at what the guide said ("what does the article say about
...", "is that the stiffness you mentioned"; thirty-sixth round, nlu/declines.py)."""

QUESTION_STARTS = frozenset("is are does do did can could will would should what why how when where who which".split())
"""How an English question clause begins (after cleaning: "what's" is "what is"; twenty-sixth round, nlu/preamble.py)."""

ASKING_WORDS = frozenset("what why how when where who which".split())
"""Words that begin a question even in the middle of unpunctuated text ("i work as a carer how do you ..."; twenty-ninth
round, nlu/preamble.py); the other question starts ("is", "do", "can") are too common inside a statement."""

_ROLE = (r"(a |an )?((student|trainee|district|home|community|care|support|night|day|family|nursing|physio|health"
         r"|registered|retired|private|live in) ){0,2}(carer|caregiver|care giver|nurse|student|physio|physiotherapist"
         r"|assistant|worker|volunteer|aide|helper)( here| myself| on placement)?")

_HANDING = (r"(tell|inform|advise|furnish|provide|supply|give|let)( me| us)?( with| know)?( of| as to| about| on| whether"
            r"| if)?")
"""A request to be told, in a formal or embedded question ("inform me of", "furnish me with", "tell me whether")."""

WRAPPER_OPENERS: tuple[str, ...] = (
    r"(hi|hello|hiya|hey|heya|hallo)( there| again| guide)?",
    r"good (morning|afternoon|evening|day)", r"morning", r"evening",
    r"excuse me( please)?", r"(sir|madam|maam|ma am)",
    r"(so |very |really )?sorry( to (bother|trouble|ask) you| to ask| for asking| to bother| for (bothering|troubling) you)?",
    r"(a )?quick (question|one)", r"one (more )?question", r"question",
    r"(ok|okay|right|so|well|um|uh|er|erm|anyway|yes|yeah|and|then|now|please)",
    r"my (english|spelling) (is )?(not |no )?(so |very |too )?(good|great|well|bad|poor|perfect)",
    r"(for )?(my|the) (bad |poor )?(english|spelling)",
    r"(so )?bear with me",
    r"i am \d+( years old)?( myself)?",
    r"(i am|i work as|i am working as|i work in|i train as|i am training as) " + _ROLE,
    # thirty-sixth round: a formal letter's or an embedded question's way in ("i should be grateful to learn whether",
    # "kindly inform me of", "would you be so good as to", "may i enquire", "i was wondering if you could tell me")
    r"(i|we) (would|should|shall) be (most |very |much |so |really )?(obliged|grateful|thankful|glad|pleased)( to you)?"
    r"( if you (would|could|might|can|will)( kindly| please)?( " + _HANDING + r")?| to (learn|know|hear|be told"
    r"|understand|be informed|have)( of| about| whether| if| as to)?)?",
    r"(kindly|pray|please)( " + _HANDING + r"| tell)?",
    r"(would|could|might|will|can) you (please |kindly |possibly |perhaps )?(be so (good|kind) as to )?(" + _HANDING + r")?",
    r"(may|might|can|could) (i|we) (ask|enquire|inquire|trouble you to)( of you)?( whether| if| about| as to)?",
    r"(i|we) (was |am |were |are )?(just )?(wondering|wonder)( whether| if)?( you (could|can|would|might) (" + _HANDING
    + r"))?",
    r"(i|we) (would|should) (like|love|wish) to (know|ask|learn|understand|enquire|inquire)( whether| if| about| as to)?",
    r"(i|we) (beg|wish|write|am writing|are writing)( on behalf of( my| our)?( [a-z]+){1,4})? to (enquire|inquire|ask"
    r"|learn)( about| whether| if| as to| of you)?",
    r"do you (happen to )?know( whether| if)?",
    # thirty-seventh round: a reassurance seeker's way in ("tell me honestly", "am i right in thinking", "is it silly
    # of me to hope", "should i worry")
    r"(tell me|be) (honestly|honest|straight|the truth)( now| please)?", r"(honestly|to be honest|tbh)",
    r"(am|was) i (right|wrong|correct|mistaken) (in thinking|to think)( that)?",
    r"is it (silly|stupid|daft|wrong|foolish|naive|mad) (of me )?to (hope|think|ask|wonder|worry)( that| if| whether)?",
    r"should (i|we) (be )?(worry|worried|concerned|panic|panicking)( about (it|this|that))?( that| if| whether)?",
    # thirty-eighth round: a quiz's way in ("true or false: ...", "fact or myth, ...", "quiz me, ...")
    r"(true or false|fact or (myth|fiction)|myth or fact|(quick )?quiz (me|time)|pop quiz)( then| for you)?",
    # fifty-ninth session (tune63:odd): an interjection of Scots, Irish and other English ("och is muscle atrophy just
    # when yer muscles shrink aye")
    r"(och|ach|aw|ah|oh|ooh|eh|aye)",
)
"""What a listener says before the question that says nothing about it, at the start of the cleaned text (regular
expressions of whole words; twenty-ninth round, nlu/preamble.py): greetings, apologies, "quick question", "my english
is not so good", an age or a role ("i am a home carer", "i work as a physio assistant")."""

_YOUNG = (r"[5-9]|1[0-6]|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|kid|child"
          r"|teenager|beginner")
"""Ages and people an explanation is asked for ("like i am 10", "to a fourteen year old", not "for a 5 year old" of a dose; :data:`WRAPPER_CLOSERS`)."""

WRAPPER_CLOSERS: tuple[str, ...] = (
    r"(thank you|thank u|thanks|thx|ta|cheers|many thanks)( (so|very) much| a lot| kindly| in advance"
    r"| for (your|the|any) help| for listening)?",
    r"(please|pls|plz)", r"(kindly|please) (explain|elaborate|clarify)( (it|this|that))?( (to|for) me)?",
    r"if you (know|can|could)", r"when (it is|they are|that is) at home", r"(i )?hope (that|this|it) makes sense",
    r"if (that|this|it) makes sense", r"lol", r"if possible", r"(anyway|anyways|so yeah)",
    r"exactly", r"in (simple|plain|everyday|easy) (words|english|terms)", r"(for|to) me( please)?",
    r"sorry for the (long message|essay|ramble|rambling|long question)",
    r"((like|as if) (i am|you are talking to|to)( a)?|(like|as if) a|to a) (" + _YOUNG + r")( years? old| year olds?)?",
    r"for (my|a|our) (science |biology |health |school |class )?(homework|assignment|project|essay|class|test|exam)",
    # thirty-fifth round: how to pass on an answer, asked after a question passed on ("a student asked me what causes
    # it, what is the best answer", "... how would you put it")
    r"what (is|would be|is the|would be the) (the )?(best|simplest|easiest|shortest|right|correct|proper) (answer|reply"
    r"|way to (put|explain|say) it)",
    r"what (should|do|can|would) (i|we) (say|tell (him|her|them))",
    r"how (do|would|should|can|could) (i|you|we) (explain|put|say) (it|that|this)( simply| to (him|her|them))?",
    # thirty-fifth round: the listener an explanation is for ("explain the term for a first-year care student",
    # "define it for a new carer")
    r"(for|to) (a |an |my |our |the |some |your )?(((first|second|third|1st|2nd|3rd) year|new|junior|trainee|student"
    r"|care|nursing|medical|health|young|lay|complete) ){0,3}(student|students|carer|carers|caregiver|caregivers|nurse"
    r"|nurses|trainee|trainees|learner|learners|beginner|beginners|layman|laymen|layperson|newcomer|newcomers|novice)",
    # thirty-fourth round: a question passed on that the listener could not answer ("my grandson asked what atrophy is
    # and i could not tell him")
    r"(and|but) (i|we) (could not|can not|did not|do not|could not really|did not really) (tell|answer|explain it to"
    r"|explain to|know what to tell) (him|her|them|him properly|her properly|them properly)",
    # thirty-sixth round: the question handed back to the listener at its end ("..., can you?", "..., y'all reckon?",
    # "..., do you think")
    r"(can|could|would|will) you( help| tell (me|us|him|her|them))?",
    r"(do |would )?(you|you all) (reckon|think|suppose)", r"(i )?(reckon|suppose|wonder)",
    # thirty-seventh round: a reassurance sought after the question ("..., am i right in thinking that", "... or am i
    # imagining it", "..., should i worry")
    r"(am|was) i (right|wrong|correct|mistaken)( in thinking (that|so)| to think (that|so))?",
    r"(or )?(am i|is it just me) (imagining (it|things)|overthinking( it)?|being (silly|paranoid|daft)|worrying (for|about) nothing)",
    r"(or )?is it just me", r"should (i|we) (be )?(worry|worried|concerned)",
    # thirty-eighth round: a quiz's way out ("..., true or false?", "..., fact or myth")
    r"(true or false|fact or (myth|fiction)|myth or fact)",
    # forty-ninth session (tune51:odd): who the answer is for, told after the question ("..., my son wants to know
    # for school")
    r"(my|our|his|her) (son|daughter|grandson|granddaughter|grandkid|kid|child|boy|girl|nephew|niece|friend|husband"
    r"|wife|partner|mum|mom|dad|teacher|class) (wants|needs|wanted|needed|asked|is asking|was asking|would like) to know"
    r"( (for|about) (school|college|uni|class|(his|her|their|a|the) (homework|project|class|assignment)))?",
    # fifty-ninth session (tune63:odd): a name the listener calls the guide by, a tag asking for agreement ("what's the go
    # with the three types mate", "..., dear", "... aye")
    r"(mate|dear|love|pet|hen|darling|sweetheart|pal|buddy|bro|my (dear|friend|love)|aye|eh)",
)
"""What a listener says after the question, at the end of the cleaned text (the same kind as :data:`WRAPPER_OPENERS`):
thanks, "if you know", "i hope that makes sense"."""

_LABEL_NOUN = r"(handover|hand over|handoff|note|notes|report|log|update|memo|entry|query|question|message|record)"
_LABEL_WORD = (r"(night|day|evening|morning|afternoon|late|early|weekend|staff|shift|ward|room|bay|bed|unit|care|carer|carers"
               r"|nurse|nurses|nursing|physio|doctor|gp|family|team|daily|progress|visit|home|for|from|to|the|a|an|my|our|quick|\d+|[a-z]+'s)")
NOTE_LABEL = re.compile(r"^\s*((" + _LABEL_WORD + r"[ ,]+){0,3}" + _LABEL_NOUN + r"([ ,]+" + _LABEL_WORD + r"){0,4})"
                        r"\s*(:|\s[-–—]\s)\s*(?=\S)", re.IGNORECASE)
"""A note's heading before what it says, ended by a colon or a dash (thirty-third round: care staff type questions
as shift notes, "Handover: ...", "Night staff note: ...", "Carer's log: ...", "Report for the nurse: ..."): the
words of a note's kind and of whom and when it is for, with a noun of a note among them."""

_HESITATION = r"((um+|uh+|erm*|hmm+|so|and|oh)[\s,.]+)*"
_WAKE = (r"(hey|hi|hello|ok|okay|oi)[\s,]+(voice guide|guide(?! (me|us|him|her|them) (through|with|to)\b)|google|alexa|siri|cortana|assistant|computer)\b"
         r"|(alexa|siri|cortana)\b|(voice guide|guide)(?=\s*[,.!:;])"
         r"|(ok|okay|alright|all right|right)[\s,.]+(so|then|um+|uh+)\b")
ADDRESS_OPENING = re.compile(r"^\s*" + _HESITATION + r"(" + _WAKE + r")([\s,.!:;]+" + _HESITATION + r"(?=\S)|\s*$)",
                             re.IGNORECASE)
"""A voice assistant's habits before a question (thirty-fifth round: people used to talking to a phone type as they
speak): a wake word after "hey" or "ok" ("hey guide", "ok google"; never the verb: "okay guide me through the
routine", fifty-seventh session), a name alone ("alexa", "guide," with a comma
but not "guide dogs"), or "okay so", "right then",
with hesitations before and after ("um okay so"). A bare greeting ("hello, ...") is the preamble's
(:data:`WRAPPER_OPENERS`)."""

_THANKS = r"(thanks|thank you|thank u|thanks very much|thank you (so|very) much|thx|ta|cheers|many thanks)"
ADDRESS_CLOSING = re.compile(r"([\s,.!;-]+" + _THANKS + r"( (so|very) much| a lot| kindly| in advance| guide)?"
                             r"|\s*[,.!;-]\s*(guide|alexa|siri|google))+[\s.!]*$", re.IGNORECASE)
"""A sign-off after a question: thanks ("..., thanks so much", "... cheers") or the wake word as a vocative after a
comma ("what causes it, guide"; not "close the guide")."""

ADDRESS_THANKS_FIRST = re.compile(r"^\s*(" + _THANKS + r"( (so|very) much| guide)?)[.!,;]+\s*(?=\S)", re.IGNORECASE)
"""Thanks for the answer before, ended by a stop, then the next question ("Thank you. Can ...")."""

OPENING_ASKED = re.compile(
    r"^(?!.*\b(go|going|jump|skip|back|start|starting|read|reading|play|begin) (\w+ ){0,2}(to|from|at) the "
    r"(top|start|beginning)\b)(?!.*\b(read|play) (\w+ ){0,2}(article|whole thing|it all)\b)"
    r"(?!.*\bintroduc\w* of (?!(the|this) (article|page|piece)\b))(?!(?!.*\bfirst\b).*\b(say|says|said|mention|mentions|mentioned|tell|tells|"
    r"tells you|talk|talks) (\w+ ){0,3}about \w)"
    r".*\b(introduction|intro|(top|start|beginning|opening) (bit |part |section |paragraph )?of (the|this) "
    r"(article|page|piece)|first thing (the|this) (article|page|piece) says|(the|this) (article|page|piece) (says|say|said) first|opening (paragraph|section|bit|part))\b")
"""The opening of the article asked for by name in cleaned text (thirty-fourth round: "read me the introduction",
"what is the first thing the article says about atrophy", "whats the main idea in the intro"), not a command to read
the article from its start ("go back to the start of the article", "read the whole article from the top"), not the
introduction of something else ("after the introduction of a cast") nor what the opening says about a topic (the merge
review: "what does the intro say about exercise" goes to that topic)."""

RAMBLE_STARTS = frozenset({"anyway", "anyways", "sorry"})
"""Words that begin a closing ramble after the question ("anyway sorry i am rambling she is asleep upstairs now"):
the rest of the text from one of them on is left out when it says nothing of the article (nlu/preamble.py)."""

LINKING_WORDS = frozenset(
    """is are was were be been keeps keep kept has have had getting gets got going goes gone went seem seems seemed
    becoming become became started starting slowly really just so very quite always still""".split())
"""Words between a thing and what is said of it ("my savings are shrinking", "my phone battery keeps wasting away":
twenty-eighth round, nlu/elsewhere.py)."""

DETERMINERS = frozenset("my the our your his her their this these those".split())
"""Words a named thing begins with ("my savings", "the fence")."""

BODY_WORDS = frozenset(
    """face cheek cheeks jaw shoulder shoulders neck bicep biceps tricep triceps glute glutes bum butt bottom buttock
    buttocks chest hip hips knee knees wrist wrists ankle ankles foot feet toe toes finger fingers forearm forearms shin
    shins hamstring hamstrings quad quads quadriceps abs stomach belly tummy limb limbs grip frame figure physique skin
    bones joints core torso waist""".split())
"""Parts of the body in everyday English: a state said of one of them is said of a person ("my shoulders are getting
thinner"), never of another thing (nlu/elsewhere.py)."""

_TERM_LEAD = r"(the (word|term) |a |an |the )?"
_TERM = r"(?P<term>[a-z][a-z ]*?)"
FRAGMENT_FORMS: tuple[tuple[str, str], ...] = (
    (r"^" + _TERM + r" (meaning|definition|defined|means what|mean what)$", "what is {term}"),
    (r"^(what is )?(the )?(meaning|definition) of " + _TERM_LEAD + _TERM + r"$", "what is {term}"),
    (r"^define " + _TERM_LEAD + _TERM + r"$", "what is {term}"),
    (r"^what (does|do) " + _TERM_LEAD + _TERM + r" mean$", "what is {term}"),
    (r"^" + _TERM + r" (?P<aspect>symptoms|signs|stages|causes|treatment|treatments|cure)$", "{aspect} of {term}"),
)
"""Cleaned fragments that ask one thing of a term, each with the plain question it stands for: "arthritis meaning",
"define stroke", "what does cancer mean" -> "what is <term>"; "flu symptoms" -> "symptoms of flu". The decline rules
read the plain question too (nlu/declines.py), so a fragment about a condition the article only names is declined as
the same question in full words is."""

BACK_REFERENCES = ("this", "these", "it", "they", "that", "each of these", "such")
"""How an English sentence begins when a word of it stands for what the sentence before it said (moved from
nlu/passage.py in the twenty-fourth round, the same words): "Each of these conditions causes atrophy due to
different processes." means nothing without what "these conditions" are."""

BACK_CONNECTIVES = ("for example", "and")
"""How an English sentence begins when it goes on from the one before it: "For example, dumping syndrome causes
malnutrition ..." still says something read alone (twenty-fourth round: such a sentence is read with the one before
it when there is room, but an answer may begin with it; docs/understanding.md)."""

_BACK_RE = re.compile(r"^(" + "|".join(re.escape(w) for w in BACK_REFERENCES) + r")\b")
_CONNECTIVE_RE = re.compile(r"^(" + "|".join(re.escape(w) for w in BACK_CONNECTIVES) + r")\b")

NUMBER_WORDS = {
    w: i for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
"""Spoken numbers up to twenty."""

_CONTRACTIONS = [
    (re.compile(r"\b(can)'?t\b"), r"\1 not"),
    (re.compile(r"\bwon'?t\b"), "will not"),
    (re.compile(r"\b(\w+)n't\b"), r"\1 not"),
    (re.compile(r"\blet's\b"), "let us"),
    (re.compile(r"\b(what|that|it|she|he|there|here|who|where|how)'s\b"), r"\1 is"),
    (re.compile(r"\b(\w+)'s\b"), r"\1"),
    (re.compile(r"\b(\w+)'re\b"), r"\1 are"),
    (re.compile(r"\b(\w+)'ve\b"), r"\1 have"),
    (re.compile(r"\b(\w+)'m\b"), r"\1 am"),
    (re.compile(r"\b(\w+)'ll\b"), r"\1 will"),
    (re.compile(r"\b(\w+)'d\b"), r"\1 would"),
]
_BARE = {
    "im": "i am", "ive": "i have", "youre": "you are", "youve": "you have", "youll": "you will",
    "theyre": "they are", "theyve": "they have", "weve": "we have", "whats": "what is", "thats": "that is",
    "shes": "she is", "hes": "he is", "theres": "there is", "wheres": "where is", "whos": "who is",
    "dont": "do not", "doesnt": "does not", "didnt": "did not", "isnt": "is not", "arent": "are not",
    "wasnt": "was not", "werent": "were not", "havent": "have not", "hasnt": "has not", "hadnt": "had not",
    "couldnt": "could not", "shouldnt": "should not", "wouldnt": "would not", "mustnt": "must not",
    "aint": "is not", "lets": "let us",
}
"""Contractions typed or transcribed without their apostrophe ("im", "dont", "shes") that are not
also other English words ("were", "well", "its", "id", "ill" stay as they are)."""
DIALECT_FORMS = {
    # Scots negation in -nae and everyday Scots words
    "cannae": "can not", "couldnae": "could not", "didnae": "did not", "dinnae": "do not", "doesnae": "does not",
    "isnae": "is not", "wasnae": "was not", "wouldnae": "would not", "shouldnae": "should not", "havnae": "have not",
    "havenae": "have not", "hasnae": "has not", "wullnae": "will not", "widnae": "would not", "wisnae": "was not",
    "whit": "what", "efter": "after", "hame": "home", "dinna": "do not", "canna": "can not", "haud": "hold",
    # Nigerian Pidgin and Caribbean English question words and pronouns
    "wetin": "what", "dem": "them", "dat": "that", "ting": "thing", "tings": "things",
    "nuttin": "nothing", "pickney": "child", "pikin": "child",
    # fortieth round (tune42:odd, Jamaican Creole: "wha cause it"): question words, "can't", "want", "take"
    "wha": "what", "cyaan": "can not", "kyaan": "can not", "waan": "want", "tek": "take", "di": "the",
    "fada": "father", "smaddy": "somebody",
    # forty-sixth session (tune48:odd, Scots "ah'm done", Jamaican "pon di ground"): "I" before a contraction, "upon"
    "ah'm": "i am", "ah've": "i have", "ah'll": "i will", "ah'd": "i would", "pon": "on",
    # the southern United States' and Irish plural "you"; spoken contractions
    "y'all": "you all", "yall": "you all", "youse": "you", "yous": "you", "ye": "you",
    "gonna": "going to", "wanna": "want to", "gotta": "got to", "dunno": "do not know", "innit": "",
    # fifty-fifth session (own probe r55k: "wat does atrophy actualy do 2 ur muscles"): texting shorthand for words a
    # question needs ("u", "ur", "wat", "abt"; digits stay numbers: "2 weeks")
    "u": "you", "ur": "your", "wat": "what", "wot": "what", "abt": "about", "cuz": "because",
    "coz": "because", "bc": "because", "tho": "though", "pls": "please", "plz": "please",
}
"""Words of English from particular places that are spellings of everyday words (thirty-sixth round: Scots "whit",
"couldnae", Nigerian Pidgin "wetin", Caribbean "dem", "ting", the southern United States' "y'all"): read as those
words, as a dialect dictionary lists them. None of them is another English word a question here would use ("dis" is
not one: a dictated "dis use" is disuse). "innit", a tag that asks for agreement, is left out (the merge
review: as "is it not" a bare "innit" while a routine waits was the answer no, as "is it" a definition)."""
_BARE_RE = re.compile(r"\b(" + "|".join(_BARE) + r")\b")
_DIALECT_RE = re.compile(r"(?<![\w'])(" + "|".join(re.escape(w) for w in DIALECT_FORMS) + r")(?=(?:'s)?(?![\w']))")
_NON_WORD = re.compile(r"[^a-z0-9' ]+")
_DASHES = re.compile(r"[-/–—]")
_FRAGMENT_RES = tuple((re.compile(p), plain) for p, plain in FRAGMENT_FORMS)


class English:
    """English text rules (Snowball stemmer, wordfreq rarity)."""

    code = "en"
    stopwords = STOPWORDS
    number_words = NUMBER_WORDS
    pronouns = PRONOUNS
    pointing_words = POINTING_WORDS
    question_starts = QUESTION_STARTS
    asking_words = ASKING_WORDS
    wrapper_openers = WRAPPER_OPENERS
    wrapper_closers = WRAPPER_CLOSERS
    ramble_starts = RAMBLE_STARTS
    opening_asked = OPENING_ASKED
    linking_words = LINKING_WORDS
    determiners = DETERMINERS
    body_words = BODY_WORDS

    def __init__(self) -> None:
        self._stemmer: Any = None

    def expand_contractions(self, text: str) -> str:
        """Contractions written out: "can't" -> "can not", "she's" -> "she is", "dad's" -> "dad"."""
        text = _BARE_RE.sub(lambda m: _BARE[m.group(1)], text.replace("’", "'").replace("‘", "'"))
        text = _DIALECT_RE.sub(lambda m: DIALECT_FORMS[m.group(1)], text)
        if "'" not in text and "cant" not in text and "wont" not in text:
            return text
        for pattern, repl in _CONTRACTIONS:
            text = pattern.sub(repl, text)
        return text

    def normalize(self, text: str) -> str:
        """Lower-case, accents folded, straight apostrophes, contractions expanded, punctuation removed."""
        text = _DASHES.sub(" ", fold_accents(text.lower()))
        text = self.expand_contractions(text)
        text = _NON_WORD.sub(" ", text).replace("'", " ")
        return " ".join(text.split())

    def stem(self, word: str) -> str:
        """Snowball (Porter 2) stem of one word."""
        if self._stemmer is None:
            import snowballstemmer

            self._stemmer = snowballstemmer.stemmer("english")
        return _stem(self._stemmer, word)

    def refers_back(self, sentence: str, connectives: bool = True) -> bool:
        """Whether ``sentence`` begins with one of :data:`BACK_REFERENCES` (or, with ``connectives``, of
        :data:`BACK_CONNECTIVES`)."""
        text = sentence.strip().lower()
        return bool(_BACK_RE.match(text) or (connectives and _CONNECTIVE_RE.match(text)))

    def plain_question(self, text: str) -> str | None:
        """The plain question a cleaned fragment stands for (None: not such a fragment): "arthritis meaning" ->
        "what is arthritis", "flu symptoms" -> "symptoms of flu" (:data:`FRAGMENT_FORMS`)."""
        for pattern, plain in _FRAGMENT_RES:
            found = pattern.match(text)
            if found:
                return plain.format(**found.groupdict())
        return None

    def unlabelled(self, text: str) -> str | None:
        """``text`` without the note's heading it opens with ("Handover: Mr Patel has ..." -> "Mr Patel has ...";
        :data:`NOTE_LABEL`), or None when it opens with none."""
        found = NOTE_LABEL.match(text.replace("’", "'"))
        return text[found.end():] if found else None

    def points_at_article(self, cleaned: str) -> bool:
        """Whether a cleaned sentence points at the article or at what the guide said (:data:`ARTICLE_POINTER`)."""
        return ARTICLE_POINTER.search(cleaned) is not None

    def unaddressed(self, text: str) -> str | None:
        """``text`` without a voice assistant's wake word or "okay so" before it and thanks or a vocative after it
        ("hey guide, what causes it? thanks" -> "what causes it?"; :data:`ADDRESS_OPENING`, :data:`ADDRESS_CLOSING`,
        :data:`ADDRESS_THANKS_FIRST`), or None when it has none or nothing else."""
        body = text.replace("’", "'")
        for pattern in (ADDRESS_OPENING, ADDRESS_THANKS_FIRST):
            body = pattern.sub("", body, count=1)
        body = ADDRESS_CLOSING.sub("", body, count=1)
        return body.strip() if body.strip() != text.strip() and any(ch.isalnum() for ch in body) else None

    def is_participle(self, word: str) -> bool:
        """Whether ``word`` reads as a participle ("flickering", "wasted"): a state put before a thing."""
        return len(word) > 4 and word.endswith(("ing", "ed"))

    def rarity(self, word: str) -> float:
        """Zipf frequency of ``word`` in English (wordfreq); 3.0 when wordfreq is missing."""
        return _zipf(word)


_STEM_LOCK = threading.Lock()
"""A Snowball stemmer keeps its word in its own fields: two threads (the pack's background
training and a question) must not use it at once."""


@lru_cache(maxsize=16384)
def _stem(stemmer: Any, word: str) -> str:
    with _STEM_LOCK:
        return str(stemmer.stemWord(word))


_ZIPF_TABLE = ZipfTable()
"""Plain words' frequencies, read from the user cache (wordfreq is imported only to build it)."""


@lru_cache(maxsize=16384)
def _zipf(word: str) -> float:
    known = _ZIPF_TABLE.zipf(word)
    if known is not None:
        return known
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return 3.0
    return float(zipf_frequency(word, "en"))


ENGLISH = English()
"""The shared English rules (stateless but for caches)."""
