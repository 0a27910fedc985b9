<?php

declare(strict_types=1);

namespace Modulus\Sms\Tests\Php;

/** Code-point helpers with PCRE only, so the tests do not need the mbstring extension. */
final class Utf8
{
    /** @return list<string> */
    public static function chars(string $text): array
    {
        return preg_split('//u', $text, -1, PREG_SPLIT_NO_EMPTY) ?: [];
    }

    public static function length(string $text): int
    {
        return (int) preg_match_all('/./us', $text);
    }

    public static function prefix(string $text, int $chars): string
    {
        return implode('', array_slice(self::chars($text), 0, max(0, $chars)));
    }
}
