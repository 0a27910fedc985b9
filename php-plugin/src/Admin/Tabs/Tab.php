<?php
/**
 * One tab of WooCommerce → SMS Settings.
 *
 * @package Modulus\Sms
 */

declare(strict_types=1);

namespace Modulus\Sms\Admin\Tabs;

defined( 'ABSPATH' ) || exit;

/**
 * A tab renders its own body; the page around it (title, notices, tab bar) belongs to SettingsPage.
 */
interface Tab {

	/** The `tab` query argument that selects this tab. */
	public function slug(): string;

	/** The translated label shown in the tab bar. */
	public function label(): string;

	/** Prints the tab body (everything below the tab bar). */
	public function render(): void;

	/**
	 * The script module (file name in assets/js without `.js`) this tab needs, or null.
	 */
	public function script_module(): ?string;

	/**
	 * Data the tab's script module reads at start-up (besides the common REST/wasm settings).
	 *
	 * @return array<string,mixed>
	 */
	public function script_data(): array;
}
