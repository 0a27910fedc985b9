<?php
/**
 * Order Statuses tab: which template goes out, automatically, on which order status.
 *
 * @package Modulus\Sms
 */

declare(strict_types=1);

namespace Modulus\Sms\Admin\Tabs;

use Modulus\Sms\Settings\Settings;
use Modulus\Sms\Templates\Repository as Templates;

defined( 'ABSPATH' ) || exit;

/**
 * One row per status WooCommerce knows (custom statuses included); saved by order-statuses.js
 * with REST `PUT order-statuses`.
 */
final class OrderStatusesTab implements Tab {

	public function __construct( private Settings $settings, private ?Templates $templates = null ) {
	}

	public function slug(): string {
		return 'order-statuses';
	}

	public function label(): string {
		return __( 'Order Statuses', 'modulus-sms' );
	}

	public function script_module(): ?string {
		return 'order-statuses';
	}

	public function script_data(): array {
		return array(
			'i18n' => array(
				'saving'          => __( 'Saving…', 'modulus-sms' ),
				'saved'           => __( 'Order status messages saved.', 'modulus-sms' ),
				/* translators: %s: the error. */
				'failed'          => __( 'Not saved: %s', 'modulus-sms' ),
				/* translators: %s: order status name. */
				'templateMissing' => __( 'Choose a template for “%s” or switch its auto-send off.', 'modulus-sms' ),
			),
		);
	}

	public function render(): void {
		$templates = ( $this->templates ?? new Templates() )->all();
		$mapping   = (array) ( $this->settings->get()['order_statuses'] ?? array() );
		?>
		<p><?php esc_html_e( 'When an order reaches a status with auto-send on, its customer gets the chosen template.', 'modulus-sms' ); ?></p>
		<form id="modulus-sms-order-statuses-form" novalidate>
			<table class="wp-list-table widefat fixed striped modulus-sms-order-statuses">
				<thead>
					<tr>
						<th scope="col" class="column-template-id"><?php esc_html_e( 'Template ID', 'modulus-sms' ); ?></th>
						<th scope="col" class="column-status"><?php esc_html_e( 'Status', 'modulus-sms' ); ?></th>
						<th scope="col" class="column-enabled"><?php esc_html_e( 'Auto-send', 'modulus-sms' ); ?></th>
						<th scope="col" class="column-template"><?php esc_html_e( 'Template', 'modulus-sms' ); ?></th>
					</tr>
				</thead>
				<tbody>
					<?php foreach ( self::statuses() as $status => $label ) : ?>
						<?php $this->render_row( $status, $label, (array) ( $mapping[ $status ] ?? array() ), $templates ); ?>
					<?php endforeach; ?>
				</tbody>
			</table>
			<p class="submit">
				<button type="submit" class="button button-primary" id="modulus-sms-order-statuses-save"><?php esc_html_e( 'Save changes', 'modulus-sms' ); ?></button>
			</p>
			<div id="modulus-sms-order-statuses-result" role="status" aria-live="polite"></div>
		</form>
		<?php
	}

	/**
	 * WooCommerce's statuses keyed by slug without the `wc-` prefix (the settings' keys).
	 *
	 * @return array<string,string>
	 */
	public static function statuses(): array {
		$statuses = array();
		foreach ( wc_get_order_statuses() as $key => $label ) {
			$statuses[ str_starts_with( (string) $key, 'wc-' ) ? substr( (string) $key, 3 ) : (string) $key ] = (string) $label;
		}
		return $statuses;
	}

	/**
	 * @param string                          $status    Status slug.
	 * @param string                          $label     Status name.
	 * @param array<string,mixed>             $saved     The stored {enabled, template_id}.
	 * @param array<int,array<string,mixed>>  $templates All templates.
	 */
	private function render_row( string $status, string $label, array $saved, array $templates ): void {
		$template_id = (int) ( $saved['template_id'] ?? 0 );
		$enabled     = ! empty( $saved['enabled'] );
		$id_base     = 'modulus-sms-status-' . $status;
		?>
		<tr data-status="<?php echo esc_attr( $status ); ?>" data-label="<?php echo esc_attr( $label ); ?>">
			<td class="column-template-id"><span class="modulus-sms-template-id"><?php echo $template_id > 0 ? esc_html( (string) $template_id ) : '—'; ?></span></td>
			<td class="column-status"><strong><?php echo esc_html( $label ); ?></strong> <code><?php echo esc_html( $status ); ?></code></td>
			<td class="column-enabled">
				<label for="<?php echo esc_attr( $id_base . '-enabled' ); ?>">
					<input type="checkbox" id="<?php echo esc_attr( $id_base . '-enabled' ); ?>" class="modulus-sms-status-enabled" <?php checked( $enabled ); ?> />
					<span class="screen-reader-text">
						<?php
						/* translators: %s: order status name. */
						echo esc_html( sprintf( __( 'Send automatically on “%s”', 'modulus-sms' ), $label ) );
						?>
					</span>
				</label>
			</td>
			<td class="column-template">
				<label class="screen-reader-text" for="<?php echo esc_attr( $id_base . '-template' ); ?>">
					<?php
					/* translators: %s: order status name. */
					echo esc_html( sprintf( __( 'Template for “%s”', 'modulus-sms' ), $label ) );
					?>
				</label>
				<select id="<?php echo esc_attr( $id_base . '-template' ); ?>" class="modulus-sms-status-template">
					<option value="0"><?php esc_html_e( '— None —', 'modulus-sms' ); ?></option>
					<?php foreach ( $templates as $template ) : ?>
						<option value="<?php echo esc_attr( (string) (int) $template['id'] ); ?>" <?php selected( (int) $template['id'], $template_id ); ?>>
							<?php echo esc_html( sprintf( '#%d %s', (int) $template['id'], (string) $template['title'] ) ); ?>
						</option>
					<?php endforeach; ?>
				</select>
			</td>
		</tr>
		<?php
	}
}
