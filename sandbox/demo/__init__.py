"""The sandbox's demo: a city already alive when the page first opens (sandbox mode only).

Unlike the rest of sandbox/ (the Bot API stand-in, which knows nothing of the bot), the demo
seeds the bot's database through the domain's use cases, so it imports domain/ and storage/;
never bot/, which imports the sandbox.
"""
