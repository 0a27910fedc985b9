<?php
/**
 * Sends one stored message, asking the core's `route` what to do after every step.
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Messages;

defined( 'ABSPATH' ) || exit;

use Modulus\Sms\Core\Core;
use Modulus\Sms\Mmp\Client;
use Modulus\Sms\Settings\Settings;

/**
 * The route loop: claim the row → `route` → send with the row's idempotency key → record the attempt → `route` again, while the
 * answer is "send now". The rules (retries, backoff, fallback, hold) are the core's; this class only carries them out and keeps
 * the row true at every step. Before each HTTP request an in-flight attempt (outcome null) is written, so a worker that dies
 * mid-request leaves a trace: the next run re-sends on that channel with the same Idempotency-Key, which mMP deduplicates
 * (409 → accepted with the original id). A message is therefore never sent twice.
 */
class Dispatcher {

	/** Sends one run may make before handing back to the queue, a guard against a routing loop. */
	private const MAX_SENDS_PER_RUN = 4;

	private Repository $messages;
	private Client $client;
	private Settings $settings;

	/** @var callable(string, array): array */
	private $core;

	/** @var callable(): int */
	private $clock;

	/**
	 * @param Repository|null $messages Message store.
	 * @param Client|null     $client   mMP client.
	 * @param Settings|null   $settings Settings.
	 * @param callable|null   $core     fn(string $op, array $input): array, default Core::call.
	 * @param callable|null   $clock    fn(): int unix time, default time().
	 * @param array|null      $policy   Route policy instead of Settings::route_policy() (the Test SMS retries at once).
	 */
	public function __construct( ?Repository $messages = null, ?Client $client = null, ?Settings $settings = null, ?callable $core = null, ?callable $clock = null, private ?array $policy = null ) {
		$this->settings = $settings ?? new Settings();
		$this->messages = $messages ?? new Repository();
		$this->client   = $client ?? new Client( $this->settings );
		$this->core     = $core ?? array( Core::class, 'call' );
		$this->clock    = $clock ?? 'time';
	}

	/**
	 * Process the message now.
	 *
	 * @param int $id Row id.
	 * @return array The last route action, `{action: none, reason: not_found|locked|final}`, or `{error: {code, message}}`.
	 */
	public function process( int $id ): array {
		$row = $this->messages->find( $id );
		if ( null === $row ) {
			$action = self::nothing( 'not_found' );
		} elseif ( in_array( $row['status'], RowFormat::FINAL_STATUSES, true ) ) {
			$action = self::nothing( 'final' );
		} elseif ( ! $this->messages->claim( $id, $this->lease_seconds() ) ) {
			$action = self::nothing( 'locked' );
		} else {
			try {
				// Read again under the claim: another worker may have sent and released the row since the first read, and routing
				// on its stale attempts would ask for a send that already happened.
				$action = $this->run( $this->messages->find( $id ) ?? $row );
			} finally {
				$this->messages->release( $id );
			}
		}
		do_action( 'modulus_sms_processed', $id, $action );
		return $action;
	}

	/**
	 * @param array $row Claimed row.
	 */
	private function run( array $row ): array {
		$held = $this->settings->get()['held'];
		if ( is_array( $held ) && 'test' !== $row['kind'] ) {
			// The queue is already stopped (and the admin told): keep the message without asking mMP.
			$this->messages->update( (int) $row['id'], array( 'status' => 'held', 'reason' => (string) $held['reason'] ) );
			return array(
				'action' => 'hold',
				'reason' => (string) $held['reason'],
			);
		}
		// Resuming after a hold (the row is still `held`, the queue no longer is): the refusals recorded so far no longer apply.
		$resumed_at = 'held' === $row['status'] ? $this->resumed_at( $row ) : null;
		// A scheduled message never leaves before its send_at (quiet hours), even when a worker is woken early.
		$not_before = 'scheduled' === $row['status'] && null !== $row['send_at'] ? (int) strtotime( (string) $row['send_at'] ) : 0;
		for ( $sends = 0; ; $sends++ ) {
			// Only the first route call of the run carries resumed_at: the core clears refusals *at or before* it, in whole seconds, so
			// a refusal this run records in the same second must not be cleared as well (that would loop instead of holding again).
			$action = $this->next_action( $row, 0 === $sends ? $resumed_at : null );
			if ( 'send' !== ( $action['action'] ?? null ) ) {
				return $this->finish( $row, $action );
			}
			$due = strtotime( (string) ( $action['at'] ?? '' ) );
			if ( 0 === $sends && $not_before > $this->now() && ( false === $due || $due < $not_before ) ) {
				$due          = $not_before;
				$action['at'] = RowFormat::utc( $not_before );
			}
			if ( false !== $due && $due > $this->now() || $sends >= self::MAX_SENDS_PER_RUN ) {
				$this->messages->update(
					$row['id'],
					array(
						'status'  => 'scheduled',
						'send_at' => false !== $due && $due > $this->now() ? RowFormat::utc( $due ) : RowFormat::utc( $this->now() ),
					)
				);
				return $action;
			}
			$row = $this->send( $row, (string) $action['channel'] );
		}
	}

	/**
	 * When the hold on a resumed row was lifted, as the core's `route` wants it: after every attempt recorded so far (they all led to
	 * the hold), and not after now. The later of the two, so a clock that differs from the one that stamped the attempts changes nothing.
	 *
	 * @param array $row A `held` row of a queue that is no longer held.
	 */
	private function resumed_at( array $row ): string {
		$latest = $this->now();
		foreach ( $row['attempts'] as $attempt ) {
			$at     = strtotime( (string) ( $attempt['at'] ?? '' ) );
			$latest = false === $at ? $latest : max( $latest, $at );
		}
		return RowFormat::utc( $latest );
	}

	/**
	 * What to do next: finish an in-flight attempt first, otherwise ask the core.
	 *
	 * @param array       $row        Current row.
	 * @param string|null $resumed_at For the core: when the hold was lifted (its refusals up to then are cleared), or null.
	 */
	private function next_action( array $row, ?string $resumed_at ): array {
		$finished = array();
		foreach ( $row['attempts'] as $attempt ) {
			if ( null === ( $attempt['outcome'] ?? null ) ) {
				return array(
					'action'  => 'send',
					'channel' => (string) ( $attempt['channel'] ?? 'sms' ),
					'at'      => RowFormat::utc( $this->now() ),
				);
			}
			$finished[] = array_intersect_key( $attempt, array_flip( array( 'channel', 'outcome', 'at', 'retry_after' ) ) );
		}
		$input = array(
			'routing'  => $row['routing'],
			'attempts' => $finished,
			'now'      => RowFormat::utc( $this->now() ),
			'policy'   => $this->policy ?? $this->settings->route_policy(),
		);
		if ( null !== $resumed_at ) {
			$input['resumed_at'] = $resumed_at;
		}
		$action = $this->core( 'route', $input );
		$known_action = in_array( $action['action'] ?? null, array( 'send', 'await_status', 'done', 'hold', 'give_up' ), true );
		$bad_channel  = 'send' === ( $action['action'] ?? null ) && ! in_array( $action['channel'] ?? null, array( 'sms', 'viber' ), true );
		if ( ! isset( $action['error'] ) && ( ! $known_action || $bad_channel ) ) {
			return array(
				'error' => array(
					'code'    => 'bad_route',
					'message' => 'The core answered route with an unknown action or channel.',
				),
			);
		}
		return $action;
	}

	/**
	 * One request to mMP, bracketed by the in-flight attempt and its outcome.
	 *
	 * @param array  $row     Current row.
	 * @param string $channel sms or viber.
	 * @return array The row after the attempt.
	 */
	private function send( array $row, string $channel ): array {
		$id = (int) $row['id'];
		if ( ! $this->has_pending( $row, $channel ) ) {
			$this->messages->append_attempt(
				$id,
				array(
					'channel' => $channel,
					'outcome' => null,
					'at'      => RowFormat::utc( $this->now() ),
				)
			);
		}
		$this->messages->update( $id, array( 'status' => 'sending' ) );

		$text   = 'sms' === $channel && '' !== (string) ( $row['sms_text'] ?? '' ) ? (string) $row['sms_text'] : (string) $row['text'];
		$result = $this->client->send(
			self::idempotency_key( $row, $channel ),
			(string) $row['phone'],
			$channel,
			$text,
			'' !== (string) ( $row['dedupe_key'] ?? '' ) ? (string) $row['dedupe_key'] : 'message:' . $id,
			$this->callback_url()
		);

		$this->messages->complete_attempt( $id, self::attempt_record( $channel, $result, RowFormat::utc( $this->now() ) ) );
		$changes = array( 'channel' => $channel );
		if ( 'accepted' === $result['outcome'] ) {
			$changes += array(
				'provider_id' => $result['provider_id'] ?? $row['provider_id'],
				'segments'    => $result['segments'] ?? $row['segments'],
				'sent_at'     => RowFormat::utc( $this->now() ),
				'error'       => null,
			);
		} else {
			$changes['error'] = (string) ( $result['error'] ?? $result['outcome'] );
		}
		$this->messages->update( $id, $changes );
		return $this->messages->find( $id ) ?? $row;
	}

	/**
	 * Store the decision that ends this run.
	 *
	 * @param array $row    Current row.
	 * @param array $action Route action or core error.
	 */
	private function finish( array $row, array $action ): array {
		$id = (int) $row['id'];
		if ( isset( $action['error'] ) ) {
			$this->messages->update( $id, array( 'error' => 'core: ' . ( $action['error']['message'] ?? $action['error']['code'] ?? 'error' ) ) );
			return $action;
		}
		switch ( $action['action'] ) {
			case 'await_status':
				$this->messages->update( $id, array( 'status' => 'awaiting_status', 'send_at' => $action['until'] ?? null ) );
				break;
			case 'done':
				$final = in_array( $action['final'] ?? '', array( 'sent', 'delivered', 'read' ), true ) ? $action['final'] : 'sent';
				$this->messages->update( $id, array( 'status' => $final, 'sent_at' => $row['sent_at'] ?? RowFormat::utc( $this->now() ) ) );
				break;
			case 'hold':
				$this->messages->update( $id, array( 'status' => 'held', 'reason' => (string) ( $action['reason'] ?? '' ) ) );
				do_action( 'modulus_sms_hold', (string) ( $action['reason'] ?? '' ), $this->messages->find( $id ) ?? $row );
				break;
			case 'give_up':
				$this->messages->update( $id, array( 'status' => 'failed', 'reason' => (string) ( $action['reason'] ?? '' ) ) );
				break;
		}
		return $action;
	}

	/**
	 * The Idempotency-Key for a channel: the row's uuid on the routing's first channel, `<uuid>-sms` for an SMS fallback of a
	 * Viber message (a different logical send, which mMP must not deduplicate away). The same on every retry.
	 *
	 * @param array  $row     Row.
	 * @param string $channel Channel.
	 */
	public static function idempotency_key( array $row, string $channel ): string {
		$first = 'sms' === $row['routing'] ? 'sms' : 'viber';
		return $channel === $first ? (string) $row['uuid'] : $row['uuid'] . '-' . $channel;
	}

	/**
	 * The attempt as stored: route's fields plus what the UI shows.
	 *
	 * @param string $channel Channel.
	 * @param array  $result  Client::send() result.
	 * @param string $at      UTC RFC 3339.
	 */
	private static function attempt_record( string $channel, array $result, string $at ): array {
		$attempt = array(
			'channel' => $channel,
			'outcome' => (string) $result['outcome'],
			'at'      => $at,
		);
		foreach ( array( 'retry_after', 'http_status', 'provider_id', 'error' ) as $field ) {
			if ( isset( $result[ $field ] ) ) {
				$attempt[ $field ] = $result[ $field ];
			}
		}
		return $attempt;
	}

	/**
	 * @param array  $row     Row.
	 * @param string $channel Channel.
	 */
	private function has_pending( array $row, string $channel ): bool {
		foreach ( $row['attempts'] as $attempt ) {
			if ( null === ( $attempt['outcome'] ?? null ) && $channel === ( $attempt['channel'] ?? null ) ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Delivery reports are requested only when they can be verified (an API secret is set).
	 */
	private function callback_url(): ?string {
		if ( '' === (string) $this->settings->get()['api_secret'] || ! function_exists( 'rest_url' ) ) {
			return null;
		}
		/**
		 * Filters the delivery-report URL sent to mMP with each message (null: ask for none).
		 *
		 * @param string|null $url Default: the REST route modulus-sms/v1/dlr.
		 */
		return apply_filters( 'modulus_sms_callback_url', rest_url( 'modulus-sms/v1/dlr' ) );
	}

	/**
	 * Longer than the slowest run, so the claim outlives every request of the run.
	 */
	private function lease_seconds(): int {
		return ( self::MAX_SENDS_PER_RUN + 1 ) * max( 1, (int) $this->settings->get()['http_timeout'] ) + 30;
	}

	/**
	 * A core call that never throws: a missing or trapping core is reported like any other core error.
	 *
	 * @param string $op    Core op.
	 * @param array  $input Its input.
	 */
	private function core( string $op, array $input ): array {
		try {
			$output = ( $this->core )( $op, $input );
		} catch ( \Throwable $failure ) {
			$output = array(
				'error' => array(
					'code'    => 'core_unavailable',
					'message' => $failure->getMessage(),
				),
			);
		}
		return is_array( $output ) ? $output : array( 'error' => array( 'code' => 'core_unavailable', 'message' => 'No answer from the core.' ) );
	}

	private function now(): int {
		return (int) ( $this->clock )();
	}

	/**
	 * @param string $reason not_found, locked or final.
	 */
	private static function nothing( string $reason ): array {
		return array(
			'action' => 'none',
			'reason' => $reason,
		);
	}
}
