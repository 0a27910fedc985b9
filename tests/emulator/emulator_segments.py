"""How the emulated provider counts a message's segments and prices it.

This is the provider's own bookkeeping (what it bills), deliberately simple
and independent of the plugin's core: GSM 03.38 basic + extension table for
GSM-7 (extension characters cost two septets, 160 per single SMS, 153 per
part), otherwise UCS-2 (UTF-16 units, 70 per single SMS, 67 per part).
A Viber message is always one message, whatever its length.
"""

GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = set("^{}\\[~]|€\f")

# What one accepted message costs, in the account's currency.
DEFAULT_PRICES = {"sms": 0.045, "viber": 0.03}


def encoding_of(text: str) -> str:
    """'gsm7' when every character is in the GSM 03.38 tables, else 'ucs2'."""
    for ch in text:
        if ch not in GSM7_BASIC and ch not in GSM7_EXTENSION:
            return "ucs2"
    return "gsm7"


def sms_segments(text: str) -> tuple:
    """(encoding, segments) of an SMS text."""
    encoding = encoding_of(text)
    if encoding == "gsm7":
        units = sum(2 if ch in GSM7_EXTENSION else 1 for ch in text)
        single, part = 160, 153
    else:
        units = len(text.encode("utf-16-le")) // 2
        single, part = 70, 67
    if units <= single:
        return encoding, 1
    return encoding, -(-units // part)


def segments_and_cost(channel: str, text: str, prices: dict) -> tuple:
    """(encoding, segments, cost) the provider records for an accepted message."""
    if channel == "viber":
        return "unicode", 1, round(float(prices["viber"]), 4)
    encoding, segments = sms_segments(text)
    return encoding, segments, round(float(prices["sms"]) * segments, 4)
