<?php
/**
 * Template saving: shape checks here, syntax and variables by the core.
 */

declare( strict_types=1 );

use Modulus\Sms\Templates\Validator;
use PHPUnit\Framework\TestCase;

final class TemplateValidatorTest extends TestCase {

	private array $asked = array();

	private function validator( array $answer ): Validator {
		return new Validator(
			function ( string $op, array $input ) use ( $answer ): array {
				$this->asked[] = array( $op, $input );
				return $answer;
			}
		);
	}

	public function test_a_valid_template_is_normalised(): void {
		$valid = $this->validator( array( 'ok' => true, 'errors' => array(), 'unknown_vars' => array() ) )
			->validate( array( 'title' => ' <b>Done</b> ', 'body' => "Hi {first_name}\r\n", 'context' => 'order' ) );
		$this->assertSame( array( 'title' => 'Done', 'body' => 'Hi {first_name}', 'context' => 'order' ), $valid );
		$this->assertSame( array( 'validate_template', array( 'template' => 'Hi {first_name}', 'context' => 'order' ) ), $this->asked[0] );
	}

	public function test_an_update_keeps_the_stored_fields_it_does_not_change(): void {
		$valid = $this->validator( array( 'ok' => true ) )->validate( array( 'title' => 'New' ), array( 'title' => 'Old', 'body' => 'B', 'context' => 'customer' ) );
		$this->assertSame( array( 'title' => 'New', 'body' => 'B', 'context' => 'customer' ), $valid );
	}

	public function test_unknown_variables_are_a_400_on_body_with_the_core_errors(): void {
		$errors = array( array( 'code' => 'unknown_variable', 'at' => 3, 'message' => "unknown variable 'frist_name'" ) );
		$error  = $this->validator( array( 'ok' => false, 'errors' => $errors, 'unknown_vars' => array( 'frist_name' ) ) )
			->validate( array( 'title' => 'T', 'body' => 'Hi {frist_name}' ) );
		$this->assertInstanceOf( WP_Error::class, $error );
		$this->assertSame( array( 'status' => 400, 'field' => 'body', 'errors' => $errors, 'unknown_vars' => array( 'frist_name' ) ), $error->get_error_data() );
		$this->assertSame( "unknown variable 'frist_name' (at character 4)", $error->get_error_message() );
	}

	public function test_shape_errors_name_their_field_without_asking_the_core(): void {
		$validator = $this->validator( array( 'ok' => true ) );
		$this->assertSame( 'title', $validator->validate( array( 'title' => '  ', 'body' => 'b' ) )->get_error_data()['field'] );
		$this->assertSame( 'title', $validator->validate( array( 'title' => str_repeat( 'a', 191 ), 'body' => 'b' ) )->get_error_data()['field'] );
		$this->assertSame( 'body', $validator->validate( array( 'title' => 't' ) )->get_error_data()['field'] );
		$this->assertSame( 'body', $validator->validate( array( 'title' => 't', 'body' => str_repeat( 'α', 1001 ) ) )->get_error_data()['field'] );
		$this->assertSame( 'context', $validator->validate( array( 'title' => 't', 'body' => 'b', 'context' => 'blog' ) )->get_error_data()['field'] );
		$this->assertSame( array(), $this->asked );
	}

	public function test_a_missing_core_is_a_server_error_not_a_pass(): void {
		$validator = new Validator( static fn() => throw new Error( 'Class "Modulus\\Sms\\Core\\Core" not found' ) );
		$error     = $validator->validate( array( 'title' => 't', 'body' => 'b' ) );
		$this->assertInstanceOf( WP_Error::class, $error );
		$this->assertSame( 500, $error->get_error_data()['status'] );
	}
}
