<?php
/**
 * WooCommerce → SMS Settings.
 *
 * @package Modulus\Sms
 */

declare(strict_types=1);

namespace Modulus\Sms\Admin;

use Modulus\Sms\Admin\Tabs;
use Modulus\Sms\Admin\Tabs\SettingsFormTab;
use Modulus\Sms\Admin\Tabs\Tab;
use Modulus\Sms\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * The settings screen: menu entry, tab bar, notices and the scripts of the open tab.
 * Each tab's body is its own class under Admin\Tabs.
 */
final class SettingsPage {

	public const SLUG       = 'modulus-sms';
	public const CAPABILITY = 'manage_woocommerce';

	/** After WooCommerce's own "Settings" entry (priority 50). */
	private const MENU_PRIORITY = 60;

	private ?string $hook_suffix = null;

	/** @var array<string,Tab>|null */
	private ?array $tabs = null;

	private Settings $settings;

	public function __construct( ?Settings $settings = null ) {
		$this->settings = $settings ?? new Settings();
	}

	/** Hooks the screen into wp-admin. */
	public function register(): void {
		add_action( 'admin_menu', array( $this, 'add_menu' ), self::MENU_PRIORITY );
		add_action( 'admin_enqueue_scripts', array( $this, 'enqueue' ) );
		add_action( 'admin_post_' . SettingsFormHandler::ACTION, array( $this, 'handle_form' ) );
	}

	/** The URL of a tab (with optional extra query arguments). */
	public static function url( string $tab = '', array $args = array() ): string {
		$query = array( 'page' => self::SLUG );
		if ( '' !== $tab ) {
			$query['tab'] = $tab;
		}
		return add_query_arg( array_merge( $query, $args ), admin_url( 'admin.php' ) );
	}

	public function add_menu(): void {
		$this->hook_suffix = add_submenu_page(
			'woocommerce',
			__( 'SMS Settings', 'modulus-sms' ),
			__( 'SMS Settings', 'modulus-sms' ),
			self::CAPABILITY,
			self::SLUG,
			array( $this, 'render' )
		) ?: null;
	}

	public function handle_form(): void {
		$forms = array_filter( $this->tabs(), static fn ( Tab $tab ): bool => $tab instanceof SettingsFormTab );
		( new SettingsFormHandler( $forms, $this->settings ) )->handle();
	}

	/**
	 * The tabs, in the order of the tab bar.
	 *
	 * @return array<string,Tab>
	 */
	public function tabs(): array {
		if ( null === $this->tabs ) {
			$list = array(
				new Tabs\ConfigurationTab( $this->settings ),
				new Tabs\TestSmsTab( $this->settings ),
				new Tabs\TemplatesTab( $this->settings ),
				new Tabs\OrderStatusesTab( $this->settings ),
				new Tabs\BackInStockTab( $this->settings ),
				new Tabs\ConsentTab( $this->settings ),
				new Tabs\QuietHoursTab( $this->settings ),
				new Tabs\LogTab(),
			);
			$this->tabs = array();
			foreach ( $list as $tab ) {
				$this->tabs[ $tab->slug() ] = $tab;
			}
		}
		return $this->tabs;
	}

	/** The open tab (the first one when the query names none or an unknown one). */
	public function current_tab(): Tab {
		$tabs = $this->tabs();
		$slug = isset( $_GET['tab'] ) ? sanitize_key( wp_unslash( $_GET['tab'] ) ) : ''; // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- navigation only.
		return $tabs[ $slug ] ?? reset( $tabs );
	}

	public function render(): void {
		if ( ! current_user_can( self::CAPABILITY ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to access this page.', 'modulus-sms' ), '', array( 'response' => 403 ) );
		}
		$current = $this->current_tab();
		echo '<div class="wrap modulus-sms-admin">';
		printf( '<h1>%s</h1>', esc_html__( 'SMS Settings', 'modulus-sms' ) );
		$this->render_tab_bar( $current );
		echo '<hr class="wp-header-end" />';
		( new Notices( $this->settings ) )->render( $current, FormFlash::take() );
		printf( '<div class="modulus-sms-tab modulus-sms-tab-%s">', esc_attr( $current->slug() ) );
		$current->render();
		echo '</div></div>';
	}

	/**
	 * Loads the stylesheet and the open tab's script module, with the data it starts from.
	 *
	 * @param string $hook_suffix The current admin page.
	 */
	public function enqueue( string $hook_suffix ): void {
		if ( null === $this->hook_suffix || $hook_suffix !== $this->hook_suffix ) {
			return;
		}
		( new Assets() )->enqueue( $this->current_tab() );
	}

	private function render_tab_bar( Tab $current ): void {
		echo '<nav class="nav-tab-wrapper woo-nav-tab-wrapper" aria-label="' . esc_attr__( 'SMS settings sections', 'modulus-sms' ) . '">';
		foreach ( $this->tabs() as $slug => $tab ) {
			$active = $slug === $current->slug();
			printf(
				'<a href="%1$s" class="nav-tab%2$s"%3$s>%4$s</a>',
				esc_url( self::url( $slug ) ),
				$active ? ' nav-tab-active' : '',
				$active ? ' aria-current="page"' : '',
				esc_html( $tab->label() )
			);
		}
		echo '</nav>';
	}
}
