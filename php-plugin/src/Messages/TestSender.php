<?php
/**
 * Test SMS: one message sent at once, from the settings screen.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Messages;

defined( 'ABSPATH' ) || exit;

use Modulus\Sms\Core\Core;
use Modulus\Sms\Settings\Settings;

/**
 * Stores a `test` row first (like every message), plans it with the core (kind test: phone normalised, consent and quiet hours do
 * not apply), then runs the Dispatcher on it right away instead of queueing it. A test is never retried later: if mMP cannot take
 * it now, the owner sees why now.
 */
final class TestSender {

	private Repository $messages;
	private Settings $settings;
	private Dispatcher $dispatcher;

	/** @var callable(string, array): array */
	private $core;

	/**
	 * @param Repository|null $messages   Message store.
	 * @param Settings|null   $settings   Settings.
	 * @param Dispatcher|null $dispatcher Dispatcher.
	 * @param callable|null   $core       fn(string $op, array $input): array, default Core::call.
	 */
	public function __construct( ?Repository $messages = null, ?Settings $settings = null, ?Dispatcher $dispatcher = null, ?callable $core = null ) {
		$this->messages   = $messages ?? new Repository();
		$this->settings   = $settings ?? new Settings();
		$this->core       = $core ?? array( Core::class, 'call' );
		$this->dispatcher = $dispatcher ?? new Dispatcher( $this->messages, null, $this->settings, $this->core, null, self::policy( $this->settings ) );
	}

	/**
	 * Send a test message now.
	 *
	 * @param string      $to      Phone number in any common format.
	 * @param string      $text    Literal text (braces are not template variables here).
	 * @param string|null $channel sms or viber; null uses the configured routing.
	 * @return array|\WP_Error {ok, id, uuid, status, outcome, provider_id, segments, encoding, channel, http_status, error}, or an
	 *                         error (data: status, field) when the input cannot be sent at all.
	 */
	public function send( string $to, string $text, ?string $channel = null ): array|\WP_Error {
		$to   = trim( $to );
		$text = trim( $text );
		if ( '' === $to ) {
			return self::invalid( 'to', __( 'Enter the phone number to send the test to.', 'modulus-sms' ) );
		}
		if ( '' === $text ) {
			return self::invalid( 'text', __( 'Enter the text of the test message.', 'modulus-sms' ) );
		}
		if ( null !== $channel && ! in_array( $channel, array( 'sms', 'viber' ), true ) ) {
			return self::invalid( 'channel', __( 'The channel must be sms or viber.', 'modulus-sms' ) );
		}
		$settings = $this->settings->core_settings();
		$routing  = $channel ?? $settings['routing'];

		$created = $this->messages->create(
			array(
				'kind'    => 'test',
				'phone'   => $to,
				'routing' => $routing,
				'text'    => $text,
				'status'  => 'scheduled',
			)
		);
		if ( 0 === $created['id'] ) {
			return new \WP_Error( 'modulus_sms_store_failed', (string) ( $created['error'] ?? '' ), array( 'status' => 500 ) );
		}
		$id = $created['id'];

		$plan = $this->plan( $to, $text, array( 'routing' => $routing ) + $settings );
		if ( isset( $plan['error'] ) || 'send' !== ( $plan['action'] ?? null ) ) {
			$reason = (string) ( $plan['error']['code'] ?? $plan['reason'] ?? 'skip' );
			$this->messages->update( $id, array( 'status' => 'skipped', 'reason' => $reason, 'error' => (string) ( $plan['error']['message'] ?? $reason ) ) );
			return new \WP_Error( 'modulus_sms_test_not_sent', (string) ( $plan['error']['message'] ?? $reason ), self::refusal_data( $reason, isset( $plan['error'] ), $id ) );
		}
		$this->messages->update(
			$id,
			array(
				'phone'    => (string) $plan['to'],
				'text'     => (string) ( $plan['text'] ?? $text ),
				'sms_text' => (string) ( $plan['sms_text'] ?? $plan['text'] ?? $text ),
				'encoding' => $plan['encoding'] ?? null,
				'segments' => $plan['segments'] ?? null,
				'send_at'  => RowFormat::utc(),
			)
		);

		$this->dispatcher->process( $id );
		return $this->result( $id );
	}

	/**
	 * The row after the run, reduced to what the Test SMS tab shows. A send that would only be retried later is failed now.
	 * `status` is the message row's status.
	 *
	 * @param int $id Row id.
	 */
	private function result( int $id ): array {
		$row = $this->messages->find( $id ) ?? array();
		if ( in_array( $row['status'] ?? '', array( 'scheduled', 'sending', 'held' ), true ) ) {
			$this->messages->update( $id, array( 'status' => 'failed', 'reason' => 'test_not_retried' ) );
			$row['status'] = 'failed';
		}
		$last = array();
		foreach ( $row['attempts'] ?? array() as $attempt ) {
			if ( null !== ( $attempt['outcome'] ?? null ) && ! in_array( $attempt['outcome'], array( 'delivered', 'read', 'failed', 'expired' ), true ) ) {
				$last = $attempt;
			}
		}
		$outcome = (string) ( $last['outcome'] ?? 'none' );
		return array(
			'ok'          => 'accepted' === $outcome,
			'id'          => $id,
			'uuid'        => (string) ( $row['uuid'] ?? '' ),
			'status'      => (string) ( $row['status'] ?? '' ),
			'outcome'     => $outcome,
			'provider_id' => $row['provider_id'] ?? null,
			'segments'    => $row['segments'] ?? null,
			'encoding'    => $row['encoding'] ?? null,
			'channel'     => $row['channel'] ?? null,
			'http_status' => $last['http_status'] ?? null,
			'error'       => 'accepted' === $outcome ? null : ( $row['error'] ?? null ),
		);
	}

	/**
	 * @param string $to       Raw phone.
	 * @param string $text     Literal text.
	 * @param array  $settings Core settings.
	 */
	private function plan( string $to, string $text, array $settings ): array {
		$input = array(
			'kind'      => 'test',
			'now'       => RowFormat::utc(),
			'settings'  => $settings,
			'recipient' => array(
				'phone'     => $to,
				'country'   => $settings['default_country'],
				'opted_out' => false,
			),
			// The text is literal: double the braces so the template engine prints them as typed.
			'template'  => strtr( $text, array( '{' => '{{', '}' => '}}' ) ),
			'vars'      => new \stdClass(),
		);
		try {
			$plan = ( $this->core )( 'plan', $input );
		} catch ( \Throwable $failure ) {
			$plan = array( 'error' => array( 'code' => 'core_unavailable', 'message' => $failure->getMessage() ) );
		}
		return is_array( $plan ) ? $plan : array( 'error' => array( 'code' => 'core_unavailable', 'message' => 'No answer from the core.' ) );
	}

	/**
	 * Why the core would not plan the test, as error data: a bad number is the `to` field's fault (400), another refusal the
	 * text's (400), a core that failed the server's (500).
	 *
	 * @param string $reason   Core error code or skip reason.
	 * @param bool   $is_error Whether the core answered with an error (rather than a skip).
	 * @param int    $id       The stored (skipped) row.
	 */
	private static function refusal_data( string $reason, bool $is_error, int $id ): array {
		if ( 'invalid_phone' === $reason ) {
			return array( 'status' => 400, 'field' => 'to', 'id' => $id );
		}
		if ( $is_error && 'bad_request' !== $reason ) {
			return array( 'status' => 500, 'code' => $reason, 'id' => $id );
		}
		return array( 'status' => 400, 'field' => 'text', 'id' => $id );
	}

	/**
	 * One immediate retry after a transient error (same Idempotency-Key, so a send whose answer was lost is not repeated by mMP),
	 * then give up: a test is not queued.
	 *
	 * @param Settings $settings Settings.
	 */
	private static function policy( Settings $settings ): array {
		return array(
			'backoff_s'        => array( 0 ),
			'max_tries'        => 2,
			'fallback_after_s' => $settings->route_policy()['fallback_after_s'],
		);
	}

	/**
	 * @param string $field   Field name.
	 * @param string $message Translated message.
	 */
	private static function invalid( string $field, string $message ): \WP_Error {
		return new \WP_Error( 'modulus_sms_invalid_test', $message, array( 'status' => 400, 'field' => $field ) );
	}
}
