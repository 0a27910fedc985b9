<?php
/**
 * A tab whose form saves a part of the plugin settings through admin-post.php.
 *
 * @package Modulus\Sms
 */

declare(strict_types=1);

namespace Modulus\Sms\Admin\Tabs;

defined( 'ABSPATH' ) || exit;

/**
 * The form handler asks the tab which settings its submission changes; the tab never saves itself.
 */
interface SettingsFormTab extends Tab {

	/**
	 * Turns the submitted form fields (already unslashed) into a partial settings array
	 * for Settings::update(). Sanitizes only; validation is the settings class's job.
	 *
	 * @param array<string,mixed> $submitted The form fields.
	 * @return array<string,mixed>
	 */
	public function read_submission( array $submitted ): array;
}
