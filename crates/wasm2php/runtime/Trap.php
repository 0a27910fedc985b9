<?php

declare(strict_types=1);

namespace __RNS__;

/** A WebAssembly trap; the message is the spec's wording ("integer divide by zero", ...). */
final class Trap extends \RuntimeException
{
}
