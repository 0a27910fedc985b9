<?php
/**
 * First install: default templates in both languages, the site's language mapped to the order statuses.
 */

declare( strict_types=1 );

use Modulus\Sms\Install\Activator;
use Modulus\Sms\Settings\Settings;
use Modulus\Sms\Tests\Fakes\InMemoryTemplates;
use PHPUnit\Framework\TestCase;

final class ActivatorSeedTest extends TestCase {

	protected function setUp(): void {
		$GLOBALS['test_options'] = array( 'woocommerce_default_country' => 'GR:I' );
	}

	protected function tearDown(): void {
		unset( $GLOBALS['test_locale'] );
	}

	private function seed( InMemoryTemplates $templates ): array {
		$settings = new Settings( null, $templates );
		Activator::seed_defaults( $templates, $settings );
		return $settings->get()['order_statuses'];
	}

	public function test_a_greek_site_maps_the_greek_templates(): void {
		$GLOBALS['test_locale'] = 'el';
		$templates              = new InMemoryTemplates();
		$mapping                = $this->seed( $templates );

		$this->assertSame( 10, $templates->count() );
		$this->assertSame( array( 'processing', 'completed', 'on-hold', 'cancelled', 'refunded' ), array_keys( $mapping ) );
		foreach ( $mapping as $status => $row ) {
			$this->assertStringContainsString( '(EL)', $templates->find( $row['template_id'] )['title'], $status );
			$this->assertSame( in_array( $status, array( 'processing', 'completed' ), true ), $row['enabled'], $status );
		}
	}

	public function test_other_sites_map_the_english_ones(): void {
		$templates = new InMemoryTemplates();
		$mapping   = $this->seed( $templates );
		$this->assertSame( 'Completed (EN)', $templates->find( $mapping['completed']['template_id'] )['title'] );
	}

	public function test_existing_templates_or_mapping_are_left_alone(): void {
		$templates = new InMemoryTemplates();
		$templates->create( array( 'title' => 'Mine', 'body' => 'x', 'context' => 'order' ) );
		$this->assertSame( array(), $this->seed( $templates ) );
		$this->assertSame( 1, $templates->count() );

		$GLOBALS['test_options'][ Settings::OPTION ] = array( 'order_statuses' => array( 'completed' => array( 'enabled' => false, 'template_id' => 0 ) ) );
		$fresh                                        = new InMemoryTemplates();
		$this->assertSame( array( 'completed' => array( 'enabled' => false, 'template_id' => 0 ) ), $this->seed( $fresh ) );
		$this->assertSame( 10, $fresh->count(), 'templates are added, the owner\'s mapping kept' );
	}
}
