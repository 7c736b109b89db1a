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
    "зачем сколько что чего чем чему можно ли нужно надо делать отчего откуда "
    # Tatar (folded)
    "ничек кайда кая кем кемгэ кемнэн кайчан нигэ нишлэргэ нишлим нэрсэ ничэ кайсы ни "
    "мумкинме бармы "
    # English
    "how where who whom what whats when why which can could should do does is are shall"
)

STOP_WORDS: Final = QUESTION_WORDS | _words(
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
