<?php
/**
 * Log tab.
 *
 * @package Modulus\Sms
 */

declare(strict_types=1);

namespace Modulus\Sms\Admin\Tabs;

use Modulus\Sms\Admin\LogTable;
use Modulus\Sms\Admin\SettingsPage;

defined( 'ABSPATH' ) || exit;

/**
 * The message log; the filter form is a plain GET form, so a filtered view is a shareable URL.
 */
final class LogTab implements Tab {

	public function slug(): string {
		return 'log';
	}

	public function label(): string {
		return __( 'Log', 'modulus-sms' );
	}

	public function script_module(): ?string {
		return null;
	}

	public function script_data(): array {
		return array();
	}

	public function render(): void {
		$table = new LogTable();
		$table->prepare_items();
		echo '<form method="get" class="modulus-sms-log">';
		printf( '<input type="hidden" name="page" value="%s" />', esc_attr( SettingsPage::SLUG ) );
		printf( '<input type="hidden" name="tab" value="%s" />', esc_attr( $this->slug() ) );
		$table->display();
		echo '</form>';
	}
}
