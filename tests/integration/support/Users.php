<?php
/**
 * The four kinds of caller the REST permission checks care about.
 *
 * @package Modulus\Sms\Tests
 */

declare( strict_types=1 );

namespace Modulus\Sms\Tests\Integration\Support;

/**
 * anonymous (no user), customer (wc-env's `customer`), shop_manager (created here with WooCommerce's own role) and admin
 * (wc-env's `admin`). Each real user gets an application password for real HTTP calls over the loopback site.
 */
final class Users {

	public const ANONYMOUS    = 'anonymous';
	public const CUSTOMER     = 'customer';
	public const SHOP_MANAGER = 'shop_manager';
	public const ADMIN        = 'admin';

	private const APP_PASSWORD_NAME = 'modulus-sms integration tests';
	private const SHOP_MANAGER_PASS = 'shop-manager-pass';

	/** @var array<string, string> login => application password, for this PHP process. */
	private static array $app_passwords = array();

	/** The user id for a caller kind (0 for anonymous); creates the shop manager on first use. */
	public static function id( string $who ): int {
		switch ( $who ) {
			case self::ANONYMOUS:
				return 0;
			case self::ADMIN:
				return self::existing( getenv( 'ACC_ADMIN_USER' ) ? (string) getenv( 'ACC_ADMIN_USER' ) : 'admin' );
			case self::CUSTOMER:
				return self::existing( getenv( 'ACC_CUSTOMER_USER' ) ? (string) getenv( 'ACC_CUSTOMER_USER' ) : 'customer' );
			case self::SHOP_MANAGER:
				return self::shop_manager();
		}
		throw new \InvalidArgumentException( "unknown caller kind '$who'" );
	}

	/** Make $who the current user of this PHP process. */
	public static function act_as( string $who ): void {
		wp_set_current_user( self::id( $who ) );
	}

	/** login:application-password for HTTP Basic auth, or null for anonymous. */
	public static function basic_auth( string $who ): ?string {
		if ( self::ANONYMOUS === $who ) {
			return null;
		}
		$user = get_userdata( self::id( $who ) );
		if ( ! isset( self::$app_passwords[ $user->user_login ] ) ) {
			foreach ( \WP_Application_Passwords::get_user_application_passwords( $user->ID ) as $item ) {
				if ( self::APP_PASSWORD_NAME === $item['name'] ) {
					\WP_Application_Passwords::delete_application_password( $user->ID, $item['uuid'] );
				}
			}
			$created = \WP_Application_Passwords::create_new_application_password( $user->ID, array( 'name' => self::APP_PASSWORD_NAME ) );
			if ( is_wp_error( $created ) ) {
				throw new \RuntimeException( 'cannot create an application password: ' . $created->get_error_message() );
			}
			self::$app_passwords[ $user->user_login ] = $created[0];
		}
		return $user->user_login . ':' . self::$app_passwords[ $user->user_login ];
	}

	/** The wp-login.php password of a caller kind (wc-env's, or the one this class gave the shop manager). */
	public static function password( string $who ): string {
		switch ( $who ) {
			case self::ADMIN:
				return getenv( 'ACC_ADMIN_PASS' ) ? (string) getenv( 'ACC_ADMIN_PASS' ) : 'admin-pass';
			case self::CUSTOMER:
				return getenv( 'ACC_CUSTOMER_PASS' ) ? (string) getenv( 'ACC_CUSTOMER_PASS' ) : 'customer-pass';
			case self::SHOP_MANAGER:
				self::shop_manager();
				return self::SHOP_MANAGER_PASS;
		}
		throw new \InvalidArgumentException( "no password for '$who'" );
	}

	private static function existing( string $login ): int {
		$user = get_user_by( 'login', $login );
		if ( ! $user ) {
			throw new \RuntimeException( "wc-env user '$login' is missing: run wc-env/setup.sh" );
		}
		return (int) $user->ID;
	}

	private static function shop_manager(): int {
		$user = get_user_by( 'login', 'shop-manager' );
		if ( $user ) {
			return (int) $user->ID;
		}
		$id = wp_insert_user(
			array(
				'user_login' => 'shop-manager',
				'user_pass'  => self::SHOP_MANAGER_PASS,
				'user_email' => 'shop-manager@example.test',
				'role'       => 'shop_manager',
			)
		);
		if ( is_wp_error( $id ) ) {
			throw new \RuntimeException( 'cannot create the shop manager: ' . $id->get_error_message() );
		}
		return (int) $id;
	}
}
