<?php
/**
 * The "modulus SMS" box on the order edit screen (HPOS and posts storage).
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Admin;

use Modulus\Sms\Checkout\ConsentStore;
use Modulus\Sms\Orders\OrderFacts;
use Modulus\Sms\Settings\Settings;
use Modulus\Sms\Templates\Repository as Templates;

defined( 'ABSPATH' ) || exit;

/**
 * Send now with a template (previewed in the browser by the wasm core, with this order's data) or free text, on the
 * configured routing or another one; the order's message history; resend. The module `@modulus-sms/order-box`
 * talks to the REST routes of Rest\OrderMessagesController.
 */
final class OrderBox {

	public const MODULE = 'order-box';

	public static function register(): void {
		add_action( 'add_meta_boxes', array( self::class, 'add' ), 40, 2 );
	}

	/**
	 * WooCommerce fires `add_meta_boxes` with its HPOS screen id and the order; WordPress with `shop_order` and the post.
	 *
	 * @param string $screen_id Screen id or post type.
	 * @param mixed  $object    WC_Order (HPOS) or WP_Post (posts storage).
	 */
	public static function add( $screen_id, $object = null ): void {
		if ( ! current_user_can( 'manage_woocommerce' ) || ! in_array( $screen_id, self::screens(), true ) ) {
			return;
		}
		$order = self::order_of( $object );
		if ( ! $order || 'auto-draft' === $order->get_status() ) {
			return;
		}
		add_meta_box( 'modulus-sms-order', __( 'modulus SMS', 'modulus-sms' ), array( self::class, 'render' ), $screen_id, 'normal', 'default' );
		self::enqueue( $order );
	}

	/**
	 * @param mixed $object WC_Order or WP_Post.
	 */
	public static function render( $object ): void {
		$order = self::order_of( $object );
		if ( ! $order ) {
			return;
		}
		$settings = ( new Settings() )->get();
		?>
		<div id="modulus-sms-order-box" class="modulus-sms-order-box" data-order-id="<?php echo esc_attr( (string) $order->get_id() ); ?>">
			<p class="modulus-sms-consent-state"><?php echo esc_html( self::consent_line( $order ) ); ?></p>
			<div class="modulus-sms-compose">
				<p>
					<label for="modulus-sms-box-template"><?php esc_html_e( 'Template', 'modulus-sms' ); ?></label>
					<select id="modulus-sms-box-template">
						<option value="0"><?php esc_html_e( '— Free text —', 'modulus-sms' ); ?></option>
						<?php foreach ( self::order_templates() as $template ) : ?>
							<option value="<?php echo esc_attr( (string) $template['id'] ); ?>"><?php echo esc_html( sprintf( '#%d %s', $template['id'], $template['title'] ) ); ?></option>
						<?php endforeach; ?>
					</select>
					<label for="modulus-sms-box-channel"><?php esc_html_e( 'Channel', 'modulus-sms' ); ?></label>
					<select id="modulus-sms-box-channel">
						<?php foreach ( self::routing_options( (string) $settings['routing'] ) as $value => $label ) : ?>
							<option value="<?php echo esc_attr( $value ); ?>"><?php echo esc_html( $label ); ?></option>
						<?php endforeach; ?>
					</select>
				</p>
				<p>
					<label for="modulus-sms-box-text" class="screen-reader-text"><?php esc_html_e( 'Message', 'modulus-sms' ); ?></label>
					<textarea id="modulus-sms-box-text" rows="3" class="large-text" placeholder="<?php esc_attr_e( 'Type a message, or choose a template', 'modulus-sms' ); ?>"></textarea>
				</p>
				<div id="modulus-sms-box-preview" class="modulus-sms-preview" aria-live="polite" hidden></div>
				<p id="modulus-sms-box-counter" class="description modulus-sms-counter" aria-live="polite"></p>
				<p>
					<button type="button" class="button button-primary" id="modulus-sms-box-send"><?php esc_html_e( 'Send now', 'modulus-sms' ); ?></button>
				</p>
				<div id="modulus-sms-box-result" aria-live="polite"></div>
			</div>
			<table class="widefat striped modulus-sms-history">
				<thead>
					<tr>
						<th class="column-time"><?php esc_html_e( 'Time', 'modulus-sms' ); ?></th>
						<th class="column-channel"><?php esc_html_e( 'Channel', 'modulus-sms' ); ?></th>
						<th class="column-status"><?php esc_html_e( 'Status', 'modulus-sms' ); ?></th>
						<th class="column-segments"><?php esc_html_e( 'Segments', 'modulus-sms' ); ?></th>
						<th class="column-text"><?php esc_html_e( 'Text', 'modulus-sms' ); ?></th>
						<th class="column-error"><?php esc_html_e( 'Error', 'modulus-sms' ); ?></th>
						<th class="column-chain"><?php esc_html_e( 'Attempts', 'modulus-sms' ); ?></th>
						<th class="column-actions"><span class="screen-reader-text"><?php esc_html_e( 'Actions', 'modulus-sms' ); ?></span></th>
					</tr>
				</thead>
				<tbody id="modulus-sms-box-history">
					<?php echo OrderHistory::table_body( OrderHistory::rows( $order->get_id() ) ); // phpcs:ignore WordPress.Security.EscapingOutput.OutputNotEscaped -- escaped cell by cell. ?>
				</tbody>
			</table>
		</div>
		<?php
	}

	/** Both order edit screens: HPOS (`woocommerce_page_wc-orders`) and posts (`shop_order`). */
	private static function screens(): array {
		$screens = array( 'shop_order', 'woocommerce_page_wc-orders' );
		if ( function_exists( 'wc_get_page_screen_id' ) ) {
			$screens[] = wc_get_page_screen_id( 'shop-order' );
		}
		return array_values( array_unique( $screens ) );
	}

	/**
	 * @param mixed $object WC_Order or WP_Post.
	 */
	private static function order_of( $object ): ?\WC_Order {
		if ( $object instanceof \WC_Order ) {
			return $object;
		}
		$order = $object instanceof \WP_Post ? wc_get_order( $object->ID ) : false;
		return $order instanceof \WC_Order ? $order : null;
	}

	/** @return list<array{id:int,title:string,body:string}> Templates usable with an order's variables. */
	private static function order_templates(): array {
		$templates = array();
		foreach ( ( new Templates() )->all( 'order' ) as $template ) {
			if ( 'order' === ( $template['context'] ?? 'order' ) ) {
				$templates[] = array(
					'id'    => (int) $template['id'],
					'title' => (string) $template['title'],
					'body'  => (string) $template['body'],
				);
			}
		}
		return $templates;
	}

	/** @return array<string,string> Routing choices, the configured one first. */
	private static function routing_options( string $configured ): array {
		$labels = array(
			'sms'       => __( 'SMS', 'modulus-sms' ),
			'viber'     => __( 'Viber', 'modulus-sms' ),
			'viber2sms' => __( 'Viber, then SMS', 'modulus-sms' ),
		);
		$options = array(
			/* translators: %s: the configured routing option */
			'' => sprintf( __( 'As configured (%s)', 'modulus-sms' ), $labels[ $configured ] ?? $configured ),
		);
		return $options + $labels;
	}

	private static function consent_line( \WC_Order $order ): string {
		$consent = ConsentStore::order_details( $order );
		if ( null === $consent['answer'] ) {
			return __( 'SMS consent: not asked at checkout.', 'modulus-sms' );
		}
		$when = $consent['at'] ? wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), (int) strtotime( $consent['at'] ) ) : '';
		return $consent['answer']
			/* translators: %s: date and time */
			? sprintf( __( 'SMS consent: given at checkout (%s).', 'modulus-sms' ), $when )
			/* translators: %s: date and time */
			: sprintf( __( 'SMS consent: declined at checkout (%s).', 'modulus-sms' ), $when );
	}

	/**
	 * The box's script module and its start-up data, in the shape js/admin/config.js reads.
	 */
	private static function enqueue( \WC_Order $order ): void {
		$id       = Assets::MODULE_PREFIX . self::MODULE;
		$settings = ( new Settings() )->get();
		wp_enqueue_style( 'modulus-sms-admin', plugins_url( 'assets/css/admin.css', MODULUS_SMS_FILE ), array(), MODULUS_SMS_VERSION );
		wp_enqueue_script_module( $id, plugins_url( 'assets/js/admin/' . self::MODULE . '.js', MODULUS_SMS_FILE ), array(), MODULUS_SMS_VERSION );
		add_filter(
			'script_module_data_' . $id,
			static function ( array $data ) use ( $order, $settings ): array {
				return array_merge(
					$data,
					Assets::common_data(),
					array(
						'tab' => array(
							'orderId'       => $order->get_id(),
							'vars'          => OrderFacts::from_order( $order, (string) $settings['default_country'] )->vars(),
							'templates'     => self::order_templates(),
							'transliterate' => (bool) $settings['gsm7_transliterate'],
							'i18n'          => array(
								'sending'       => __( 'Sending…', 'modulus-sms' ),
								/* translators: 1: status, 2: channel */
								'outcome'       => __( 'Message %1$s (%2$s).', 'modulus-sms' ),
								/* translators: %s: error or reason */
								'notSent'       => __( 'Not sent: %s', 'modulus-sms' ),
								'unknownVars'   => __( 'Unknown variables:', 'modulus-sms' ),
								'emptyMessage'  => __( 'Choose a template or type a message.', 'modulus-sms' ),
							),
						),
					)
				);
			}
		);
	}
}
