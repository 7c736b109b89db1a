"""Words the FAQ matcher treats specially, in the form `normalize` leaves them (lower case,
ё → е, Tatar letters folded: "нишләргә" → "нишлэргэ").

Interrogatives mark a question ("куда звонить, если упало дерево") as opposed to a problem
description ("упало дерево во дворе"); they carry no topic, so they are not matched either.
Stop words are the small function words of each language; "не" and "нет" stay, since
"не горит" and "нет воды" are the whole point of many questions.
"""

from typing import Final


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs of asking where to turn ("куда писать", "кая шалтыратырга"): they say the resident
# asks, but nothing about what; every other entry has one.
ASKING_WORDS: Final = _words(
    # Russian
    "писать написать звонить позвонить обращаться обратиться сообщить сообщать жаловаться "
    "пожаловаться обращатся жаловатся "
    # Tatar (folded)
    "язарга шалтыратырга морэжэгать итэргэ хэбэр зарланырга "
    # English
    "complain contact call write"
)

QUESTION_WORDS: Final = ASKING_WORDS | _words(
    # Russian
    "как каким какой какая какое какие каких каком какую куда где кто кого кому когда почему "
    "зачем сколько что чего чем чему ли делать отчего откуда "
    # Tatar (folded)
    "ничек кайда кая кем кемгэ кемнэн кайчан нигэ нишлэргэ нишлим нэрсэ ничэ кайсы ни "
    "мумкинме бармы "
    # English
    "how where who whom what whats when why which"
)

# Words that ask only at the start ("можно подписаться?", "is there a number"); further on
# they are part of a statement ("нужно спилить дерево во дворе", "there is a pothole").
LEADING_QUESTION_WORDS: Final = _words("можно нужно надо can could should do does is are shall")

# Where a problem is, outdoors: a report names it ("у подъезда", "во дворе", "урамда",
# "in our yard"); a question about what to do seldom does. Word forms, folded.
PLACE_WORDS: Final = _words(
    # Russian
    "двор двора дворе двору двором дворы дворах дворов дворик дворике дворика "
    "подъезд подъезда подъезде подъездом подъезду подъезды подъездов подъездах "
    "сквер сквера сквере скверу парк парка парке парку парком "
    "остановка остановки остановке остановку остановкой школа школы школе школу школой "
    "набережная набережной набережную площадь площади "
    "возле около рядом напротив вдоль позади "
    # Tatar (folded)
    "ишегалды ишегалдында ишегалдыбызда ишегалдыннан тукталыш тукталышта мэктэп мэктэптэ "
    "янында каршында паркта скверда подъездта "
    # English
    "yard yards courtyard entrance outside near behind opposite school park square"
)

# A street is a place with its name beside it ("на улице Гагарина", "Бауман урамында",
# "Kremlin Street"); alone, "на улице" means outdoors.
STREET_WORDS: Final = _words(
    "улица улицы улице улицу улицей ул проспект проспекте пр переулок переулке "
    "урам урамы урамда урамында street avenue"
)
# Those that also mean "outdoors" ("на улице холодно"): a street only with a capitalised name.
OUTDOORS_STREET_WORDS: Final = _words("улица улицы улице улицу улицей street")
# Those that follow the street's name ("Бауман урамы", "Kremlin Street").
NAME_FIRST_STREET_WORDS: Final = _words("урам урамы урамда урамында street avenue")

# A house is a place only from outside ("у дома", "возле нашего дома"): "в доме нет воды"
# is an outage, which the FAQ answers (planned work is in /alerts).
HOUSE_WORDS: Final = _words("дом дома доме домом домов")
BY_WORDS: Final = _words("у за перед возле около напротив рядом")

# Beginnings of words that Snowball cuts to another word's stem: "паркуются" → парк, as if
# it were a park; parking is "парковк" however it is written.
STEM_OF_PREFIX: Final = {"паркуе": "парковк", "паркую": "парковк", "паркова": "парковк"}

# Verbs that say how one gets something, not what: "как получить справку", "как стать
# депутатом", "сколько стоит", "what time does it open". Rare in the entries, so their weight
# would make any question with them look like the one entry that has them.
GENERIC_VERBS: Final = _words(
    "получить получать оформить оформлять стать сделать стоит алырга ясарга булырга get got time"
)

# How big or how bad, not what: "огромная яма" is a pothole; a topic phrase with one
# ("огромная лужа") would otherwise claim every question that says it.
DEGREE_WORDS: Final = _words(
    "огромный огромная огромное огромные огромную огромной огромных большой большая большое "
    "большие большую больших громадная громадный здоровенная здоровенный жуткий жуткая "
    "ужасный ужасная ужасное страшный страшная глубокая глубокий глубокие зур huge big "
    "large enormous massive terrible awful"
)

STOP_WORDS: Final = (
    QUESTION_WORDS
    | DEGREE_WORDS
    | LEADING_QUESTION_WORDS
    | GENERIC_VERBS
    | _words(
        # Russian
        "и в во на у с со к ко по за из о об обо от до для при про а но же ли бы то это этот эта "
        "эти тот та там тут здесь так вот уже еще ещё вообще очень просто пожалуйста подскажите "
        "скажите здравствуйте добрый день вечер утро я мне меня мной мы нас нам наш наша наши "
        "нашем нашей мой моя мое мои моей моем моего вы вас вам ваш он она оно они их его ее ей "
        "ты тебя тебе твой свой свою свои своей своем им ему был была были будет есть если или "
        "либо тоже также сейчас "
        # Tatar (folded)
        "хэм белэн да дэ та тэ бу шул мин без сез минем безнен сезнен очен турында буенча э ки "
        "инде бик бар "
        # English
        "the a an to of in on at for my me i it its there this that and or with from by please "
        "our we us you your be been was were am any some"
    )
)
