<?php

declare(strict_types=1);

namespace Modulus\Sms\Tests\Php;

/**
 * Message texts and templates that stress the encoding rules: GSM-7 basic and extension
 * characters, Greek with accents and final sigma, emoji (surrogate pairs, ZWJ sequences, flags),
 * other scripts, control characters, and lengths around the segment limits.
 */
final class TextGenerator
{
    private const ASCII_WORDS = ['Hello', 'order', 'your', 'is', 'ready', 'Thanks', 'shop', 'SALE', 'today', '#1042', 'x', 'OK', '100%', 'a.b@c.d'];
    private const GSM_BASIC = ['@', '£', '$', '¥', 'è', 'é', 'ù', 'ì', 'ò', 'Ç', 'Ø', 'ø', 'Å', 'å', 'Δ', '_', 'Φ', 'Γ', 'Λ', 'Ω', 'Π', 'Ψ', 'Σ', 'Θ', 'Ξ', 'Æ', 'æ', 'ß', 'É', '¤', '¡', 'Ä', 'Ö', 'Ñ', 'Ü', '§', '¿', 'ä', 'ö', 'ñ', 'ü', 'à', "\n", "\r", ' ', '!', '"', '\'', '(', ')', '*', '+', ',', '-', '.', '/', ':', ';', '<', '=', '>', '?'];
    private const GSM_EXTENSION = ['^', '{', '}', '\\', '[', '~', ']', '|', '€', "\f"];
    private const GREEK_WORDS = ['Γεια', 'σου', 'Μαρία', 'Ελένη', 'παραγγελία', 'σας', 'στάλθηκε', 'Ευχαριστούμε', 'ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ', 'αβγδεζηθικλμνξοπρστυφχψως', 'ά έ ή ί ό ύ ώ', 'ϊ ϋ ΐ ΰ', 'Ά Έ Ή Ί Ό Ύ Ώ Ϊ Ϋ', 'ς', 'Ωραία!'];
    private const OTHER = ['😀', '👍🏽', '🇬🇷', '❤️', '👨‍👩‍👧', '中文', 'Привет', 'ç', 'ğ', 'ł', 'ő', '€uro', "\t", "\u{00A0}", "\u{200B}", '`', 'ÿ', 'Ã', '¼', '\u{1F600}', '"quoted"', '</script>', '\\n'];
    private const LIMITS = [70, 67, 134, 140, 153, 160, 201, 306, 320, 459, 480, 1000, 1001];

    public function __construct(private readonly Random $random)
    {
    }

    /** A text of any flavour, sometimes sized to sit right at a segment limit. */
    public function text(): string
    {
        $flavour = $this->random->int(0, 9);
        $pools = match (true) {
            $flavour <= 2 => [self::ASCII_WORDS],
            $flavour <= 4 => [self::ASCII_WORDS, self::GSM_BASIC, self::GSM_EXTENSION],
            $flavour <= 6 => [self::GREEK_WORDS, self::ASCII_WORDS],
            default => [self::ASCII_WORDS, self::GSM_BASIC, self::GSM_EXTENSION, self::GREEK_WORDS, self::OTHER],
        };
        // Mostly short like real messages; one in five sits right at a segment limit.
        $target = $this->random->chance(0.2)
            ? $this->random->pick(self::LIMITS) + $this->random->int(-3, 3)
            : $this->random->int(0, 120);
        $text = '';
        while (Utf8::length($text) < $target) {
            $piece = $this->random->pick($this->random->pick($pools));
            $text .= $this->random->chance(0.6) && $text !== '' ? ' ' . $piece : $piece;
        }
        return $this->random->chance(0.5) ? Utf8::prefix($text, $target) : $text;
    }

    /**
     * A template for $context: text with known and unknown variables, fallbacks, escaped and
     * unbalanced braces.
     *
     * @param list<string> $variables the context's variables
     */
    public function template(array $variables): string
    {
        $parts = [];
        $count = $this->random->int(0, 7);
        for ($i = 0; $i < $count; $i++) {
            $parts[] = match ($this->random->int(0, 12)) {
                0, 1, 2, 3 => $this->shortText(),
                4, 5, 6 => '{' . $this->random->pick($variables) . '}',
                7 => '{' . $this->random->pick($variables) . '|' . $this->random->pick(['there', '', 'φίλε', '—', 'a|b', '😀']) . '}',
                8 => '{{' . $this->random->pick(['', 'x', 'first_name']) . '}}',
                9 => '{' . $this->random->pick(['unknown_var', 'FIRST_NAME', 'order-number', ' first_name ', 'ονομα', '']) . '}',
                10 => $this->random->pick(['{', '}', '{first_name', 'first_name}', '{{{', '}}}', '{|x}', '{a{b}c}']),
                default => $this->text(),
            };
        }
        return implode($this->random->pick(['', ' ', "\n"]), $parts);
    }

    /** A value for a template variable. */
    public function value(): string
    {
        return match ($this->random->int(0, 6)) {
            0 => '',
            1 => (string) $this->random->int(0, 99999),
            2 => $this->random->pick(self::GREEK_WORDS),
            3 => $this->random->pick(self::OTHER),
            4 => $this->random->pick(['Anna', 'Νίκος', 'O\'Brien', 'José', 'Zoë', '€12.50', '12,50 €', 'https://shop.example/p?id=1&x=2']),
            default => $this->shortText(),
        };
    }

    private function shortText(): string
    {
        $text = '';
        $words = $this->random->int(1, 4);
        for ($i = 0; $i < $words; $i++) {
            $pool = $this->random->pick([self::ASCII_WORDS, self::ASCII_WORDS, self::GREEK_WORDS, self::GSM_BASIC, self::GSM_EXTENSION, self::OTHER]);
            $text .= ($i > 0 ? ' ' : '') . $this->random->pick($pool);
        }
        return $text;
    }
}
