<?php
/**
 * The message log as a wp-admin list table.
 *
 * @package Modulus\Sms
 */

declare(strict_types=1);

namespace Modulus\Sms\Admin;

use Modulus\Sms\Messages\Repository as Messages;

defined( 'ABSPATH' ) || exit;

if ( ! class_exists( '\WP_List_Table' ) ) {
	require_once ABSPATH . 'wp-admin/includes/class-wp-list-table.php';
}

/**
 * Every message the plugin stored (sent, waiting or given up), newest first, filtered by kind,
 * status, channel, date range, phone and order, a page at a time.
 */
final class LogTable extends \WP_List_Table {

	private const PER_PAGE = 20;

	/** @var array<string,string|int> The active filters, as passed to Messages\Repository::query(). */
	private array $filters = array();

	public function __construct( private ?Messages $messages = null ) {
		parent::__construct(
			array(
				'singular' => 'modulus-sms-message',
				'plural'   => 'modulus-sms-messages',
				'ajax'     => false,
				'screen'   => 'woocommerce_page_' . SettingsPage::SLUG,
			)
		);
	}

	/** @return array<string,string> Message kinds, value => label. */
	public static function kinds(): array {
		return array(
			'order_status'  => __( 'Order status', 'modulus-sms' ),
			'manual'        => __( 'Manual', 'modulus-sms' ),
			'bulk'          => __( 'Bulk', 'modulus-sms' ),
			'back_in_stock' => __( 'Back in stock', 'modulus-sms' ),
			'test'          => __( 'Test', 'modulus-sms' ),
		);
	}

	/** @return array<string,string> Message statuses, value => label. */
	public static function statuses(): array {
		return array(
			'scheduled'       => __( 'Scheduled', 'modulus-sms' ),
			'sending'         => __( 'Sending', 'modulus-sms' ),
			'awaiting_status' => __( 'Awaiting status', 'modulus-sms' ),
			'sent'            => __( 'Sent', 'modulus-sms' ),
			'delivered'       => __( 'Delivered', 'modulus-sms' ),
			'read'            => __( 'Read', 'modulus-sms' ),
			'failed'          => __( 'Failed', 'modulus-sms' ),
			'skipped'         => __( 'Skipped', 'modulus-sms' ),
			'held'            => __( 'Held', 'modulus-sms' ),
		);
	}

	/** @return array<string,string> Channels, value => label. */
	public static function channels(): array {
		return array(
			'sms'   => __( 'SMS', 'modulus-sms' ),
			'viber' => __( 'Viber', 'modulus-sms' ),
		);
	}

	public function get_columns(): array {
		return array(
			'created_at' => __( 'Date', 'modulus-sms' ),
			'kind'       => __( 'Kind', 'modulus-sms' ),
			'phone'      => __( 'Phone', 'modulus-sms' ),
			'order_id'   => __( 'Order', 'modulus-sms' ),
			'channel'    => __( 'Channel', 'modulus-sms' ),
			'status'     => __( 'Status', 'modulus-sms' ),
			'segments'   => __( 'Segments', 'modulus-sms' ),
			'attempts'   => __( 'Attempts', 'modulus-sms' ),
			'text'       => __( 'Text', 'modulus-sms' ),
		);
	}

	public function prepare_items(): void {
		$this->filters = self::filters_from_request();
		$page          = $this->get_pagenum();
		$result        = ( $this->messages ?? new Messages() )->query( $this->filters, $page, self::PER_PAGE );

		$this->items           = is_array( $result['rows'] ?? null ) ? $result['rows'] : array();
		$this->_column_headers = array( $this->get_columns(), array(), array(), 'created_at' );
		$this->set_pagination_args(
			array(
				'total_items' => (int) ( $result['total'] ?? 0 ),
				'per_page'    => self::PER_PAGE,
			)
		);
	}

	/**
	 * The filters in the query string, sanitized; empty ones left out.
	 *
	 * @return array<string,string|int>
	 */
	public static function filters_from_request(): array {
		// phpcs:disable WordPress.Security.NonceVerification.Recommended -- read-only filters of a list.
		$read    = static fn ( string $key ): string => isset( $_GET[ $key ] ) && is_scalar( $_GET[ $key ] ) ? sanitize_text_field( wp_unslash( (string) $_GET[ $key ] ) ) : '';
		$filters = array(
			'kind'      => self::one_of( $read( 'kind' ), self::kinds() ),
			'status'    => self::one_of( $read( 'status' ), self::statuses() ),
			'channel'   => self::one_of( $read( 'channel' ), self::channels() ),
			'phone'     => preg_replace( '/[^0-9+]/', '', $read( 'phone' ) ) ?? '',
			'order_id'  => absint( $read( 'order_id' ) ),
			'date_from' => self::date( $read( 'date_from' ) ),
			'date_to'   => self::date( $read( 'date_to' ) ),
		);
		// phpcs:enable
		return array_filter( $filters, static fn ( $value ): bool => '' !== $value && 0 !== $value );
	}

	public function no_items(): void {
		esc_html_e( 'No messages match.', 'modulus-sms' );
	}

	/**
	 * The filter controls above the table.
	 *
	 * @param string $which 'top' or 'bottom'.
	 */
	protected function extra_tablenav( $which ): void {
		if ( 'top' !== $which ) {
			return;
		}
		echo '<div class="alignleft actions modulus-sms-log-filters">';
		$this->filter_select( 'kind', __( 'All kinds', 'modulus-sms' ), self::kinds() );
		$this->filter_select( 'status', __( 'All statuses', 'modulus-sms' ), self::statuses() );
		$this->filter_select( 'channel', __( 'All channels', 'modulus-sms' ), self::channels() );
		$this->filter_input( 'date_from', __( 'From date', 'modulus-sms' ), 'date' );
		$this->filter_input( 'date_to', __( 'To date', 'modulus-sms' ), 'date' );
		$this->filter_input( 'phone', __( 'Phone', 'modulus-sms' ), 'search' );
		$this->filter_input( 'order_id', __( 'Order', 'modulus-sms' ), 'number' );
		submit_button( __( 'Filter', 'modulus-sms' ), '', 'filter_action', false, array( 'id' => 'modulus-sms-log-filter' ) );
		echo '</div>';
	}

	/**
	 * @param array<string,mixed> $item A message row.
	 * @param string              $column_name Column key.
	 */
	protected function column_default( $item, $column_name ): string {
		$value = $item[ $column_name ] ?? '';
		return esc_html( is_scalar( $value ) ? (string) $value : '' );
	}

	/** @param array<string,mixed> $item A message row. */
	protected function column_created_at( $item ): string {
		$raw = (string) ( $item['created_at'] ?? '' );
		// Rows carry RFC 3339 UTC times; a bare MySQL DATETIME is UTC too.
		$timestamp = strtotime( preg_match( '/(Z|[+-]\d{2}:?\d{2})$/', $raw ) ? $raw : $raw . ' UTC' );
		if ( false === $timestamp ) {
			return '';
		}
		$when = esc_html( wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), $timestamp ) );
		return sprintf( '<span title="%s">%s</span>', esc_attr( (string) ( $item['uuid'] ?? '' ) ), $when );
	}

	/** @param array<string,mixed> $item A message row. */
	protected function column_kind( $item ): string {
		return esc_html( self::kinds()[ (string) ( $item['kind'] ?? '' ) ] ?? (string) ( $item['kind'] ?? '' ) );
	}

	/** @param array<string,mixed> $item A message row. */
	protected function column_channel( $item ): string {
		return esc_html( self::channels()[ (string) ( $item['channel'] ?? '' ) ] ?? '—' );
	}

	/** @param array<string,mixed> $item A message row. */
	protected function column_status( $item ): string {
		$status = (string) ( $item['status'] ?? '' );
		$html   = sprintf(
			'<mark class="modulus-sms-status modulus-sms-status-%s">%s</mark>',
			esc_attr( sanitize_html_class( $status ) ),
			esc_html( self::statuses()[ $status ] ?? $status )
		);
		$detail = (string) ( $item['error'] ?? '' ) ?: (string) ( $item['reason'] ?? '' );
		if ( '' !== $detail ) {
			$html .= sprintf( '<br /><span class="description">%s</span>', esc_html( $detail ) );
		}
		return $html;
	}

	/** @param array<string,mixed> $item A message row. */
	protected function column_order_id( $item ): string {
		$order_id = (int) ( $item['order_id'] ?? 0 );
		if ( $order_id <= 0 ) {
			return '—';
		}
		$order = function_exists( 'wc_get_order' ) ? wc_get_order( $order_id ) : false;
		$label = '#' . ( $order ? $order->get_order_number() : $order_id );
		if ( ! $order ) {
			return esc_html( $label );
		}
		return sprintf( '<a href="%s">%s</a>', esc_url( $order->get_edit_order_url() ), esc_html( $label ) );
	}

	/**
	 * How many sends were tried, with each outcome in the tooltip (`sms: accepted, …`).
	 *
	 * @param array<string,mixed> $item A message row.
	 */
	protected function column_attempts( $item ): string {
		$attempts = is_array( $item['attempts'] ?? null ) ? $item['attempts'] : array();
		if ( array() === $attempts ) {
			return '0';
		}
		$outcomes = array_map(
			static fn ( $attempt ): string => is_array( $attempt )
				? sprintf( '%s: %s', (string) ( $attempt['channel'] ?? '?' ), (string) ( $attempt['outcome'] ?? '…' ) )
				: '',
			$attempts
		);
		return sprintf( '<span title="%s">%d</span>', esc_attr( implode( ', ', $outcomes ) ), count( $attempts ) );
	}

	/** @param array<string,mixed> $item A message row. */
	protected function column_text( $item ): string {
		return sprintf( '<span class="modulus-sms-body">%s</span>', esc_html( (string) ( $item['text'] ?? '' ) ) );
	}

	/**
	 * @param string               $key     Query argument.
	 * @param string               $all     Label of the "no filter" option.
	 * @param array<string,string> $options value => label.
	 */
	private function filter_select( string $key, string $all, array $options ): void {
		$current = (string) ( $this->filters[ $key ] ?? '' );
		printf( '<label class="screen-reader-text" for="modulus-sms-filter-%1$s">%2$s</label><select name="%1$s" id="modulus-sms-filter-%1$s">', esc_attr( $key ), esc_html( $all ) );
		printf( '<option value="">%s</option>', esc_html( $all ) );
		foreach ( $options as $value => $label ) {
			printf( '<option value="%s"%s>%s</option>', esc_attr( $value ), selected( $value, $current, false ), esc_html( $label ) );
		}
		echo '</select>';
	}

	private function filter_input( string $key, string $label, string $type ): void {
		printf(
			'<label class="screen-reader-text" for="modulus-sms-filter-%1$s">%2$s</label><input type="%3$s" name="%1$s" id="modulus-sms-filter-%1$s" value="%4$s" placeholder="%2$s" class="modulus-sms-filter-%3$s" />',
			esc_attr( $key ),
			esc_attr( $label ),
			esc_attr( $type ),
			esc_attr( (string) ( $this->filters[ $key ] ?? '' ) )
		);
	}

	/**
	 * @param string               $value   Submitted value.
	 * @param array<string,string> $allowed Allowed values as keys.
	 */
	private static function one_of( string $value, array $allowed ): string {
		return isset( $allowed[ $value ] ) ? $value : '';
	}

	/** A `Y-m-d` date that exists, or ''. */
	private static function date( string $value ): string {
		$date = \DateTimeImmutable::createFromFormat( '!Y-m-d', $value );
		return $date && $date->format( 'Y-m-d' ) === $value ? $value : '';
	}
}
