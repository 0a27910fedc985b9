<?php

declare(strict_types=1);

/*
 * Self-test of the spec runner's value codec and bookkeeping, which every spec verdict relies
 * on. Needs no translator. Exits 1 on the first wrong answer.
 */

require __DIR__ . '/bootstrap.php';

use Modulus\Sms\Tests\Spec\HostRef;
use Modulus\Sms\Tests\Spec\Outcome;
use Modulus\Sms\Tests\Spec\Tally;
use Modulus\Sms\Tests\Spec\WastValue;

$checks = 0;
$check = static function (bool $ok, string $what) use (&$checks): void {
    $checks++;
    if (!$ok) {
        fwrite(STDERR, "spec runner self-test FAILED: $what\n");
        exit(1);
    }
};
$throws = static function (callable $fn): bool {
    try {
        $fn();
    } catch (UnexpectedValueException) {
        return true;
    }
    return false;
};
$func = ArrayObject::class; // stands in for the runtime's Func class

// Decimal strings: unsigned and signed forms of the same bits.
$check(WastValue::decimal('4294967295', 32) === -1, 'u32 max is i32 -1');
$check(WastValue::decimal('-1', 32) === -1, 'i32 -1');
$check(WastValue::decimal('2147483648', 32) === -2147483648, 'u32 2^31 is i32 min');
$check(WastValue::decimal('-2147483648', 32) === -2147483648, 'i32 min');
$check(WastValue::decimal('18446744073709551615', 64) === -1, 'u64 max is i64 -1');
$check(WastValue::decimal('9223372036854775808', 64) === PHP_INT_MIN, 'u64 2^63 is i64 min');
$check(WastValue::decimal('-9223372036854775808', 64) === PHP_INT_MIN, 'i64 min');
$check(WastValue::decimal('9223372036854775807', 64) === PHP_INT_MAX, 'i64 max');
$check(WastValue::decimal('0001', 64) === 1, 'leading zeros');
$check(WastValue::decimal('12345678901234567890', 64) === (int) -6101065172474983726, 'u64 above i64 max wraps');
$check($throws(fn () => WastValue::decimal('18446744073709551616', 64)), '2^64 rejected');
$check($throws(fn () => WastValue::decimal('-9223372036854775809', 64)), 'below i64 min rejected');
$check($throws(fn () => WastValue::decimal('4294967296', 32)), '2^32 rejected for i32');
$check($throws(fn () => WastValue::decimal('-2147483649', 32)), 'below i32 min rejected');
$check($throws(fn () => WastValue::decimal('1.5', 64)), 'non-integer rejected');

// Arguments in callRaw form.
$check(WastValue::argument(['type' => 'f32', 'value' => '2147483648']) === 0x80000000, 'f32 -0 bits stay unsigned');
$check(WastValue::argument(['type' => 'f64', 'value' => '9223372036854775808']) === PHP_INT_MIN, 'f64 -0 bits are a signed int');
$check(WastValue::argument(['type' => 'externref', 'value' => '7']) === HostRef::of(7), 'externref interned');
$check(WastValue::argument(['type' => 'externref', 'value' => 'null']) === null, 'externref null');
$check(WastValue::argument(['type' => 'funcref', 'value' => 'null']) === null, 'funcref null');

// Expected values against raw results.
$ok = static fn (array $e, mixed $actual) => WastValue::mismatch($e, $actual, $func) === null;
$check($ok(['type' => 'i32', 'value' => '4294967295'], -1), 'i32 result -1');
$check(!$ok(['type' => 'i32', 'value' => '4294967295'], 4294967295), 'an unnormalised i32 is wrong');
$check(!$ok(['type' => 'i32', 'value' => '1'], 1.0), 'a float is not an i32');
$check($ok(['type' => 'i64', 'value' => '18446744073709551615'], -1), 'i64 result -1');
$check($ok(['type' => 'f32', 'value' => '2143289344'], 0x7FC00000), 'f32 exact bits');
$check(!$ok(['type' => 'f32', 'value' => '0'], 0x80000000), 'f32 -0 is not +0');
$check($ok(['type' => 'f32', 'value' => 'nan:canonical'], 0xFFC00000), 'f32 canonical NaN, negative');
$check(!$ok(['type' => 'f32', 'value' => 'nan:canonical'], 0x7FC00001), 'f32 payload is not canonical');
$check($ok(['type' => 'f32', 'value' => 'nan:arithmetic'], 0x7FC00001), 'f32 arithmetic NaN');
$check(!$ok(['type' => 'f32', 'value' => 'nan:arithmetic'], 0x7FA00000), 'f32 signalling NaN is not arithmetic');
$check(!$ok(['type' => 'f32', 'value' => 'nan:arithmetic'], 0x7F800000), 'f32 infinity is not a NaN');
$check($ok(['type' => 'f64', 'value' => 'nan:canonical'], 0x7FF8000000000000), 'f64 canonical NaN');
$check($ok(['type' => 'f64', 'value' => 'nan:canonical'], PHP_INT_MIN | 0x7FF8000000000000), 'f64 canonical NaN, negative');
$check(!$ok(['type' => 'f64', 'value' => 'nan:canonical'], 0x7FF8000000000001), 'f64 payload is not canonical');
$check($ok(['type' => 'f64', 'value' => 'nan:arithmetic'], 0x7FFC000000000000), 'f64 arithmetic NaN');
$check(!$ok(['type' => 'f64', 'value' => 'nan:arithmetic'], 0x7FF4000000000000), 'f64 signalling NaN is not arithmetic');
$check($ok(['type' => 'f64', 'value' => '9223372036854775808'], PHP_INT_MIN), 'f64 -0');
$check($ok(['type' => 'externref', 'value' => '3'], HostRef::of(3)), 'externref result');
$check(!$ok(['type' => 'externref', 'value' => '3'], HostRef::of(4)), 'other externref');
$check(!$ok(['type' => 'externref', 'value' => 'null'], HostRef::of(0)), 'externref 0 is not null');
$check($ok(['type' => 'funcref', 'value' => 'null'], null), 'funcref null result');
$check(!$ok(['type' => 'funcref', 'value' => 'null'], new ArrayObject()), 'a function is not null');
$check(str_contains((string) WastValue::mismatch(['type' => 'f32', 'value' => '0'], 0x3F800000, $func), '0x3f800000'), 'f32 mismatch shows bits');

// Protocol lines round-trip; the tally's closing line and counts.
$outcome = Outcome::fail(['line' => 12, 'type' => 'assert_return'], "two\nlines");
$back = Outcome::fromLine($outcome->toLine());
$check($back !== null && $back->status === 'fail' && $back->line === 12 && $back->reason === 'two lines', 'outcome line round trip');
$check(Outcome::fromLine('pass 3 module:')?->status === 'pass', 'pass line');
$check(Outcome::fromLine('Fatal error: x') === null, 'stray output is not an outcome');
$tally = new Tally();
$tally->add('a', Outcome::pass(['line' => 1, 'type' => 'module']));
$tally->add('a', Outcome::skip(['line' => 2, 'type' => 'assert_malformed'], 'text'));
$tally->addLost('b', 2, 'died');
$check(str_ends_with($tally->render(), "1 passed, 2 failed, 1 skipped\n") && $tally->failed(), 'tally closing line');

echo "spec runner self-test: $checks checks ok\n";
