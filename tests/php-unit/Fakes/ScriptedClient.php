<?php
/**
 * An mMP client that answers from a script and records what it was asked.
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Fakes;

use Modulus\Sms\Mmp\Client;

final class ScriptedClient extends Client {

	/** @var array<int, array{key: string, to: string, channel: string, text: string, reference: string, callback: ?string}> */
	public array $sent = array();

	/**
	 * @param array<int, array|\Throwable> $replies Results of successive send() calls; a Throwable is thrown (a worker dying mid-request).
	 */
	public function __construct( private array $replies ) {
	}

	public function send( string $uuid, string $to, string $channel, string $text, string $reference, ?string $callback_url ): array {
		$this->sent[] = array( 'key' => $uuid, 'to' => $to, 'channel' => $channel, 'text' => $text, 'reference' => $reference, 'callback' => $callback_url );
		$reply        = array_shift( $this->replies ) ?? array( 'outcome' => 'transient', 'error' => 'script exhausted' );
		if ( $reply instanceof \Throwable ) {
			throw $reply;
		}
		return $reply;
	}
}
