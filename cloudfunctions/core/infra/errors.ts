// The error type is a domain concept (codes come from pricing, limits, the
// status machine); handlers and repositories import it from here as before.
export { AppError, fail } from '../domain/errors';
