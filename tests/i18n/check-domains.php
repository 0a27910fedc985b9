<?php
/**
 * Lists every gettext call in the given PHP files whose text domain is not the literal 'modulus-sms'
 * (missing, another domain, or a variable — a variable cannot be extracted into the .pot).
 *
 *   php check-domains.php FILE...   → one line per bad call; exit 1 when there is any.
 */

declare(strict_types=1);

// Function name => number of arguments before the domain.
const GETTEXT = array(
	'__'         => 1,
	'_e'         => 1,
	'esc_html__' => 1,
	'esc_html_e' => 1,
	'esc_attr__' => 1,
	'esc_attr_e' => 1,
	'_x'         => 2,
	'_ex'        => 2,
	'esc_html_x' => 2,
	'esc_attr_x' => 2,
	'_n'         => 3,
	'_nx'        => 4,
	'_n_noop'    => 2,
	'_nx_noop'   => 3,
);
const DOMAIN = 'modulus-sms';

/**
 * The top-level arguments of the call whose "(" is at $open, as token lists.
 *
 * @param array<int,mixed> $tokens All tokens.
 * @return array<int,array<int,mixed>>
 */
function call_arguments( array $tokens, int $open ): array {
	$args  = array( array() );
	$depth = 0;
	for ( $i = $open + 1, $n = count( $tokens ); $i < $n; $i++ ) {
		$token = $tokens[ $i ];
		$text  = is_array( $token ) ? $token[1] : $token;
		if ( in_array( $text, array( '(', '[', '{' ), true ) || ( is_array( $token ) && in_array( $token[0], array( T_CURLY_OPEN, T_DOLLAR_OPEN_CURLY_BRACES ), true ) ) ) {
			++$depth;
		} elseif ( in_array( $text, array( ')', ']', '}' ), true ) ) {
			if ( 0 === $depth ) {
				break;
			}
			--$depth;
		} elseif ( ',' === $text && 0 === $depth ) {
			$args[] = array();
			continue;
		}
		if ( is_array( $token ) && in_array( $token[0], array( T_WHITESPACE, T_COMMENT, T_DOC_COMMENT ), true ) ) {
			continue;
		}
		$args[ count( $args ) - 1 ][] = $token;
	}
	return array_values( array_filter( $args, static fn ( array $arg ): bool => array() !== $arg ) );
}

$problems = 0;
foreach ( array_slice( $argv, 1 ) as $file ) {
	$tokens = token_get_all( (string) file_get_contents( $file ) );
	foreach ( $tokens as $index => $token ) {
		if ( ! is_array( $token ) || T_STRING !== $token[0] || ! isset( GETTEXT[ $token[1] ] ) ) {
			continue;
		}
		// Skip method calls and definitions: ->__( , ::__( , function __(.
		for ( $prev = $index - 1; $prev >= 0 && is_array( $tokens[ $prev ] ) && T_WHITESPACE === $tokens[ $prev ][0]; $prev-- ) {
		}
		if ( $prev >= 0 && is_array( $tokens[ $prev ] ) && in_array( $tokens[ $prev ][0], array( T_OBJECT_OPERATOR, T_DOUBLE_COLON, T_FUNCTION, T_NULLSAFE_OBJECT_OPERATOR ), true ) ) {
			continue;
		}
		for ( $next = $index + 1; isset( $tokens[ $next ] ) && is_array( $tokens[ $next ] ) && T_WHITESPACE === $tokens[ $next ][0]; $next++ ) {
		}
		if ( ! isset( $tokens[ $next ] ) || '(' !== $tokens[ $next ] ) {
			continue;
		}
		$args   = call_arguments( $tokens, $next );
		$domain = $args[ GETTEXT[ $token[1] ] ] ?? null;
		$ok     = null !== $domain && 1 === count( $domain ) && is_array( $domain[0] ) && T_CONSTANT_ENCAPSED_STRING === $domain[0][0]
			&& DOMAIN === substr( $domain[0][1], 1, -1 );
		if ( ! $ok ) {
			$found = null === $domain ? 'no domain' : implode( '', array_map( static fn ( $t ) => is_array( $t ) ? $t[1] : $t, $domain ) );
			printf( "%s:%d: %s() with %s\n", $file, $token[2], $token[1], $found );
			++$problems;
		}
	}
}
exit( $problems > 0 ? 1 : 0 );
