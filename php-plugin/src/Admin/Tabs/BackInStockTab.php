<?php
/**
 * Back in Stock tab.
 *
 * @package Modulus\Sms
 */

declare(strict_types=1);

namespace Modulus\Sms\Admin\Tabs;

use Modulus\Sms\Admin\FormFields;
use Modulus\Sms\Settings\Settings;
use Modulus\Sms\Templates\Repository as Templates;

defined( 'ABSPATH' ) || exit;

/**
 * Whether shoppers may ask for a message when a sold-out product returns, and what it says.
 */
final class BackInStockTab extends SettingsForm {

	public function __construct( Settings $settings, private ?Templates $templates = null ) {
		parent::__construct( $settings );
	}

	public function slug(): string {
		return 'back-in-stock';
	}

	public function label(): string {
		return __( 'Back in Stock', 'modulus-sms' );
	}

	public function read_submission( array $submitted ): array {
		$template_id = self::text_field( $submitted, 'back_in_stock.template_id' );
		return self::present(
			array(
				'back_in_stock' => array(
					'enabled'              => self::bool_field( $submitted, 'back_in_stock.enabled' ),
					'include_product_link' => self::bool_field( $submitted, 'back_in_stock.include_product_link' ),
					'template_id'          => null === $template_id ? null : absint( $template_id ),
				),
			)
		);
	}

	protected function render_intro(): void {
		printf( '<p>%s</p>', esc_html__( 'Out-of-stock products show a form where shoppers leave their phone number; each gets one message when the product is back.', 'modulus-sms' ) );
	}

	protected function render_fields( FormFields $fields ): void {
		$fields->checkbox(
			'back_in_stock.enabled',
			__( 'Back-in-stock messages', 'modulus-sms' ),
			$this->flag( 'back_in_stock.enabled' ),
			__( 'Show the phone form on out-of-stock products and variations', 'modulus-sms' )
		);
		$fields->checkbox(
			'back_in_stock.include_product_link',
			__( 'Product link', 'modulus-sms' ),
			$this->flag( 'back_in_stock.include_product_link' ),
			__( 'Add the product link to the message', 'modulus-sms' )
		);
		$fields->select(
			'back_in_stock.template_id',
			__( 'Template', 'modulus-sms' ),
			$this->value( 'back_in_stock.template_id' ),
			$this->product_templates(),
			__( 'Only templates with the Product context are listed.', 'modulus-sms' )
		);
	}

	/** @return array<string,string> Template id => "#id title", product context only. */
	private function product_templates(): array {
		$options = array( '0' => __( '— None —', 'modulus-sms' ) );
		foreach ( ( $this->templates ?? new Templates() )->all() as $template ) {
			if ( 'product' === ( $template['context'] ?? '' ) ) {
				$options[ (string) (int) $template['id'] ] = sprintf( '#%d %s', (int) $template['id'], (string) $template['title'] );
			}
		}
		return $options;
	}
}
