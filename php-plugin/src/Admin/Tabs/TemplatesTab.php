<?php
/**
 * Templates tab: the list of message templates and the editor dialog.
 *
 * @package Modulus\Sms
 */

declare(strict_types=1);

namespace Modulus\Sms\Admin\Tabs;

use Modulus\Sms\Admin\TemplateSamples;
use Modulus\Sms\Settings\Settings;
use Modulus\Sms\Templates\Repository as Templates;

defined( 'ABSPATH' ) || exit;

/**
 * The list is printed here; adding, editing and deleting happen in template-editor.js through the
 * REST routes, with the preview (text, encoding, segments) computed by the wasm core in the browser.
 */
final class TemplatesTab implements Tab {

	public function __construct( private Settings $settings, private ?Templates $templates = null ) {
	}

	public function slug(): string {
		return 'templates';
	}

	public function label(): string {
		return __( 'Templates', 'modulus-sms' );
	}

	public function script_module(): ?string {
		return 'template-editor';
	}

	/** @return array<string,string> Template contexts, value => translated label. */
	public static function contexts(): array {
		return array(
			'order'    => __( 'Order', 'modulus-sms' ),
			'product'  => __( 'Product', 'modulus-sms' ),
			'customer' => __( 'Customer', 'modulus-sms' ),
		);
	}

	public function script_data(): array {
		$settings = $this->settings->get();
		return array(
			'templates'     => array_map( array( self::class, 'public_fields' ), $this->repository()->all() ),
			'contexts'      => self::contexts(),
			'samples'       => TemplateSamples::all(),
			'transliterate' => ! empty( $settings['gsm7_transliterate'] ),
			'i18n'          => array(
				'addTitle'      => __( 'Add template', 'modulus-sms' ),
				/* translators: %d: template ID. */
				'editTitle'     => __( 'Edit template #%d', 'modulus-sms' ),
				'saving'        => __( 'Saving…', 'modulus-sms' ),
				'saved'         => __( 'Template saved.', 'modulus-sms' ),
				'deleted'       => __( 'Template deleted.', 'modulus-sms' ),
				/* translators: %s: template title. */
				'confirmDelete' => __( 'Delete the template “%s”? Order statuses that use it stop sending.', 'modulus-sms' ),
				'edit'          => __( 'Edit', 'modulus-sms' ),
				'delete'        => __( 'Delete', 'modulus-sms' ),
				'noVariables'   => __( 'No variables for this context.', 'modulus-sms' ),
				'previewEmpty'  => __( 'Type the message to see a preview.', 'modulus-sms' ),
				/* translators: %s: comma-separated variable names. */
				'unknownVars'   => __( 'Unknown variables: %s', 'modulus-sms' ),
				/* translators: 1: encoding name, 2: number of SMS parts, 3: encoded length. */
				'previewStats'  => __( '%1$s · %2$d SMS · %3$d units', 'modulus-sms' ),
				'titleRequired' => __( 'Enter a title.', 'modulus-sms' ),
				'empty'         => __( 'No templates yet.', 'modulus-sms' ),
			),
		);
	}

	public function render(): void {
		$templates = $this->repository()->all();
		?>
		<p>
			<button type="button" class="button button-primary" id="modulus-sms-template-add" aria-haspopup="dialog">
				<span aria-hidden="true">+</span> <?php esc_html_e( 'Add template', 'modulus-sms' ); ?>
			</button>
		</p>
		<div id="modulus-sms-templates-notice" role="status" aria-live="polite"></div>
		<table class="wp-list-table widefat fixed striped modulus-sms-templates">
			<thead>
				<tr>
					<th scope="col" class="column-id"><?php esc_html_e( 'ID', 'modulus-sms' ); ?></th>
					<th scope="col" class="column-title"><?php esc_html_e( 'Title', 'modulus-sms' ); ?></th>
					<th scope="col" class="column-body"><?php esc_html_e( 'Body', 'modulus-sms' ); ?></th>
					<th scope="col" class="column-context"><?php esc_html_e( 'Context', 'modulus-sms' ); ?></th>
					<th scope="col" class="column-actions"><?php esc_html_e( 'Actions', 'modulus-sms' ); ?></th>
				</tr>
			</thead>
			<tbody id="modulus-sms-templates-rows">
				<?php if ( array() === $templates ) : ?>
					<tr class="no-items"><td colspan="5"><?php esc_html_e( 'No templates yet.', 'modulus-sms' ); ?></td></tr>
				<?php endif; ?>
				<?php foreach ( $templates as $template ) : ?>
					<?php $this->render_row( $template ); ?>
				<?php endforeach; ?>
			</tbody>
		</table>
		<?php
		$this->render_editor();
	}

	/**
	 * @param array<string,mixed> $template A stored template.
	 */
	private function render_row( array $template ): void {
		$contexts = self::contexts();
		$context  = (string) ( $template['context'] ?? '' );
		printf(
			'<tr data-id="%1$d"><td class="column-id">%1$d</td><td class="column-title"><strong>%2$s</strong></td><td class="column-body"><span class="modulus-sms-body">%3$s</span></td><td class="column-context">%4$s</td><td class="column-actions"><button type="button" class="button button-small modulus-sms-template-edit">%5$s</button> <button type="button" class="button button-small button-link-delete modulus-sms-template-delete">%6$s</button></td></tr>',
			(int) $template['id'],
			esc_html( (string) ( $template['title'] ?? '' ) ),
			esc_html( (string) ( $template['body'] ?? '' ) ),
			esc_html( $contexts[ $context ] ?? $context ),
			esc_html__( 'Edit', 'modulus-sms' ),
			esc_html__( 'Delete', 'modulus-sms' )
		);
	}

	/** The editor dialog, filled and opened by template-editor.js. */
	private function render_editor(): void {
		?>
		<dialog id="modulus-sms-template-dialog" class="modulus-sms-dialog" aria-labelledby="modulus-sms-template-dialog-title">
			<form method="dialog" id="modulus-sms-template-form" novalidate>
				<h2 id="modulus-sms-template-dialog-title"><?php esc_html_e( 'Add template', 'modulus-sms' ); ?></h2>
				<div class="modulus-sms-dialog-columns">
					<div class="modulus-sms-dialog-fields">
						<p>
							<label for="modulus-sms-template-title"><?php esc_html_e( 'Title', 'modulus-sms' ); ?></label><br />
							<input type="text" id="modulus-sms-template-title" class="large-text" maxlength="190" required />
							<span class="modulus-sms-field-error" id="modulus-sms-template-title-error" role="alert" hidden></span>
						</p>
						<p>
							<label for="modulus-sms-template-context"><?php esc_html_e( 'Context', 'modulus-sms' ); ?></label><br />
							<select id="modulus-sms-template-context">
								<?php foreach ( self::contexts() as $value => $label ) : ?>
									<option value="<?php echo esc_attr( $value ); ?>"><?php echo esc_html( $label ); ?></option>
								<?php endforeach; ?>
							</select>
						</p>
						<p>
							<label for="modulus-sms-template-body"><?php esc_html_e( 'Message', 'modulus-sms' ); ?></label><br />
							<textarea id="modulus-sms-template-body" class="large-text code" rows="6" aria-describedby="modulus-sms-template-body-error"></textarea>
							<span class="modulus-sms-field-error" id="modulus-sms-template-body-error" role="alert" hidden></span>
						</p>
						<div class="modulus-sms-variables">
							<span class="modulus-sms-variables-label"><?php esc_html_e( 'Insert a variable:', 'modulus-sms' ); ?></span>
							<span id="modulus-sms-template-variables"></span>
						</div>
					</div>
					<div class="modulus-sms-dialog-preview">
						<h3><?php esc_html_e( 'Preview with sample data', 'modulus-sms' ); ?></h3>
						<div id="modulus-sms-template-preview" class="modulus-sms-preview" aria-live="polite"></div>
						<p id="modulus-sms-template-stats" class="modulus-sms-counter"></p>
						<p id="modulus-sms-template-warning" class="modulus-sms-field-error" hidden></p>
					</div>
				</div>
				<div class="modulus-sms-dialog-actions">
					<button type="button" class="button" id="modulus-sms-template-cancel"><?php esc_html_e( 'Cancel', 'modulus-sms' ); ?></button>
					<button type="submit" class="button button-primary" id="modulus-sms-template-save" value="save"><?php esc_html_e( 'Save template', 'modulus-sms' ); ?></button>
				</div>
			</form>
		</dialog>
		<?php
	}

	/**
	 * @param array<string,mixed> $template A stored template.
	 * @return array{id:int,title:string,body:string,context:string}
	 */
	private static function public_fields( array $template ): array {
		return array(
			'id'      => (int) $template['id'],
			'title'   => (string) ( $template['title'] ?? '' ),
			'body'    => (string) ( $template['body'] ?? '' ),
			'context' => (string) ( $template['context'] ?? 'order' ),
		);
	}

	private function repository(): Templates {
		return $this->templates ??= new Templates();
	}
}
