<?php
/**
 * The SMS consent checkbox on the block checkout, through WooCommerce's Additional Checkout Fields API (WC ≥ 8.9).
 *
 * @package Modulus\Sms
 */

declare( strict_types=1 );

namespace Modulus\Sms\Checkout;

use Automattic\WooCommerce\Blocks\Domain\Services\CheckoutFields;
use Automattic\WooCommerce\Blocks\Package;

defined( 'ABSPATH' ) || exit;

/**
 * Registers an optional checkbox in the "order" location and copies the answer, the text and the time
 * into the same order meta the classic checkout writes, so everything downstream reads one place.
 */
final class BlockConsentField {

	public const FIELD_ID = 'modulus-sms/sms-consent';

	public static function register(): void {
		add_action( 'woocommerce_init', array( self::class, 'register_field' ) );
		add_action( 'woocommerce_store_api_checkout_update_order_from_request', array( self::class, 'record' ), 10, 1 );
	}

	public static function register_field(): void {
		$text   = ConsentField::active_text();
		$fields = self::checkout_fields();
		if ( null === $text || ! function_exists( 'woocommerce_register_additional_checkout_field' ) || ( $fields && $fields->is_field( self::FIELD_ID ) ) ) {
			return;
		}
		try {
			woocommerce_register_additional_checkout_field(
				array(
					'id'                         => self::FIELD_ID,
					'label'                      => $text,
					'optionalLabel'              => $text,
					'location'                   => 'order',
					'type'                       => 'checkbox',
					'required'                   => false,
					'show_in_order_confirmation' => false,
				)
			);
		} catch ( \Throwable $e ) {
			// A broken registration must not take the checkout down; the classic checkbox still works.
			wc_get_logger()->error( 'modulus SMS: consent field not registered: ' . $e->getMessage(), array( 'source' => 'modulus-sms' ) );
		}
	}

	/**
	 * Runs after WooCommerce persisted the additional fields of a Store API checkout, before it saves the order.
	 *
	 * @param \WC_Order $order The order being placed.
	 */
	public static function record( \WC_Order $order ): void {
		$text   = ConsentField::active_text();
		$fields = self::checkout_fields();
		if ( null === $text || null === $fields || ! $fields->is_field( self::FIELD_ID ) ) {
			return;
		}
		$given = (bool) $fields->get_field_from_object( self::FIELD_ID, $order, 'other' );
		ConsentStore::record_checkout_answer( $order, $given, $text, 'block_checkout' );
	}

	private static function checkout_fields(): ?CheckoutFields {
		// Before blocks load, asking the container would build the service too early.
		if ( ! did_action( 'woocommerce_blocks_loaded' ) || ! class_exists( Package::class ) || ! class_exists( CheckoutFields::class ) ) {
			return null;
		}
		try {
			return Package::container()->get( CheckoutFields::class );
		} catch ( \Throwable $e ) {
			return null;
		}
	}
}
