<?php

declare(strict_types=1);

namespace Modulus\Sms\Tests\Php;

/**
 * Deterministic inputs for every core op, mostly well-formed, some deliberately not (missing
 * fields, wrong types, unknown values) so the error replies are compared too.
 */
final class InputGenerator
{
    public const OPS = ['render', 'validate_template', 'segments', 'normalize_phone', 'quiet_hours', 'consent', 'plan', 'plan_batch', 'route'];

    private const VARIABLES = [
        'order' => ['order_number', 'order_id', 'order_status', 'order_total', 'order_date', 'first_name', 'last_name', 'billing_phone', 'shipping_method', 'payment_method', 'order_url', 'tracking_number', 'items_count', 'shop_name', 'shop_url'],
        'product' => ['product_name', 'product_url', 'product_price', 'shop_name', 'shop_url'],
        'customer' => ['first_name', 'last_name', 'shop_name', 'shop_url'],
    ];

    private readonly Random $random;
    private readonly TextGenerator $texts;
    private readonly FactsGenerator $facts;

    public function __construct(int $seed)
    {
        $this->random = new Random($seed);
        $this->texts = new TextGenerator($this->random);
        $this->facts = new FactsGenerator($this->random);
    }

    /** @return array<string, mixed> */
    public function input(string $op): array
    {
        $input = match ($op) {
            'render' => $this->render(),
            'validate_template' => $this->validateTemplate(),
            'segments' => $this->segments(),
            'normalize_phone' => $this->normalizePhone(),
            'quiet_hours' => $this->quietHours(),
            'consent' => $this->consent(),
            'plan' => $this->plan(),
            'plan_batch' => $this->planBatch(),
            'route' => $this->route(),
            default => throw new \InvalidArgumentException("unknown op $op"),
        };
        return $this->random->chance(0.02) ? $this->damaged($input) : $input;
    }

    private function render(): array
    {
        $context = $this->context();
        $input = ['template' => $this->texts->template($this->variablesOf($context)), 'context' => $context, 'vars' => $this->vars($context)];
        if ($this->random->chance(0.4)) {
            $input['transliterate'] = $this->random->chance(0.5);
        }
        return $input;
    }

    private function validateTemplate(): array
    {
        $context = $this->context();
        $input = ['template' => $this->texts->template($this->variablesOf($context)), 'context' => $context];
        if ($this->random->chance(0.4)) {
            $input['transliterate'] = $this->random->chance(0.5);
        }
        return $input;
    }

    private function segments(): array
    {
        $input = ['text' => $this->texts->text()];
        if ($this->random->chance(0.6)) {
            $input['transliterate'] = $this->random->chance(0.6);
        }
        return $input;
    }

    private function normalizePhone(): array
    {
        $input = ['phone' => $this->facts->phone()];
        if ($this->random->chance(0.9)) {
            $input['country'] = $this->facts->country();
        }
        return $input;
    }

    private function quietHours(): array
    {
        $input = ['now' => $this->facts->instant(), 'quiet' => $this->facts->quietWindow()];
        if ($this->random->chance(0.95)) {
            $input['timezone'] = $this->facts->zone();
        }
        return $input;
    }

    private function consent(): array
    {
        $settings = ['consent' => $this->facts->consentSettings()];
        if ($this->random->chance(0.3)) {
            $settings['audience'] = $this->random->pick(['consented_only', 'all_not_opted_out', 'everyone']);
        }
        return ['kind' => $this->kind(), 'settings' => $settings, 'recipient' => $this->facts->recipientConsent()];
    }

    private function plan(): array
    {
        $kind = $this->kind();
        $input = [
            'kind' => $kind,
            'now' => $this->facts->instant(),
            'settings' => $this->planSettings(),
            'recipient' => ['phone' => $this->facts->phone(), 'country' => $this->facts->country()] + $this->facts->recipientConsent(),
        ];
        $context = $this->random->chance(0.7) ? $this->context() : null;
        $input['template'] = $this->texts->template($this->variablesOf($context ?? 'order'));
        if ($context !== null) {
            $input['context'] = $context;
        }
        $input['vars'] = $this->vars($context ?? 'order');
        return $input;
    }

    private function planBatch(): array
    {
        $common = $this->plan();
        foreach (['recipient', 'vars', 'kind', 'template'] as $field) {
            if ($this->random->chance(0.3)) {
                unset($common[$field]);
            }
        }
        $items = [];
        $count = $this->random->pick([0, 1, 1, 2, 3, 5]);
        for ($i = 0; $i < $count; $i++) {
            $item = ['recipient' => ['phone' => $this->facts->phone()] + $this->facts->recipientConsent()];
            if ($this->random->chance(0.5)) {
                $item['vars'] = $this->vars((string) ($common['context'] ?? 'order'));
            }
            if ($this->random->chance(0.2)) {
                $item['kind'] = $this->kind();
            }
            if ($this->random->chance(0.1)) {
                $item['template'] = $this->texts->template($this->variablesOf('customer'));
            }
            $items[] = $this->random->chance(0.03) ? $this->random->pick(['x', 1, null, []]) : $item;
        }
        return ['common' => $common, 'items' => $items];
    }

    private function route(): array
    {
        $routing = $this->random->pick(['sms', 'viber', 'viber2sms', 'viber2sms', 'viber2sms']);
        $now = $this->facts->instant();
        $input = ['routing' => $routing, 'attempts' => $this->facts->attempts($now, $routing), 'now' => $now];
        if ($this->random->chance(0.6)) {
            $input['policy'] = $this->facts->policy();
        }
        if ($this->random->chance(0.1)) {
            $input['resumed_at'] = $this->facts->instant();
        }
        return $input;
    }

    /** @return array<string, mixed> */
    private function planSettings(): array
    {
        $quiet = $this->facts->quietWindow();
        $quiet['applies_to'] = $this->random->chance(0.8) ? $this->random->subset(FactsGenerator::KINDS) : ['order_status', 'bulk', 'back_in_stock'];
        $settings = [
            'routing' => $this->random->pick(['sms', 'viber', 'viber2sms', 'viber2sms']),
            'timezone' => $this->facts->zone(),
            'default_country' => $this->facts->country(),
            'quiet_hours' => $quiet,
            'consent' => $this->facts->consentSettings(),
            'gsm7_transliterate' => $this->random->chance(0.5),
        ];
        if ($this->random->chance(0.3)) {
            $settings['audience'] = $this->random->pick(['consented_only', 'all_not_opted_out']);
        }
        return $settings;
    }

    /** @return array<string, mixed> */
    private function vars(string $context): array
    {
        $vars = [];
        foreach ($this->random->subset($this->variablesOf($context)) as $name) {
            $vars[$name] = $this->texts->value();
        }
        if ($this->random->chance(0.1)) {
            $vars['unknown_var'] = $this->texts->value();
        }
        if ($this->random->chance(0.03)) {
            $vars['order_total'] = $this->random->pick([12.5, 3, true, null]);
        }
        return $vars;
    }

    private function context(): string
    {
        return $this->random->chance(0.03) ? $this->random->pick(['', 'orders', 'any']) : $this->random->pick(array_keys(self::VARIABLES));
    }

    /** @return list<string> */
    private function variablesOf(string $context): array
    {
        return self::VARIABLES[$context] ?? self::VARIABLES['order'];
    }

    private function kind(): string
    {
        return $this->random->chance(0.02) ? 'newsletter' : $this->random->pick(FactsGenerator::KINDS);
    }

    /** The input with one field removed or given a wrong type. */
    private function damaged(array $input): array
    {
        $key = $this->random->pick(array_keys($input));
        if ($this->random->chance(0.5)) {
            unset($input[$key]);
        } else {
            $input[$key] = $this->random->pick([null, 42, 'text', [1, 2], ['nested' => true], 1.5, false]);
        }
        return $input;
    }
}
