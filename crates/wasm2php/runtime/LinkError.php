<?php

declare(strict_types=1);

namespace __RNS__;

/** An import that cannot be linked: "unknown import" or "incompatible import type". */
final class LinkError extends \RuntimeException
{
}
