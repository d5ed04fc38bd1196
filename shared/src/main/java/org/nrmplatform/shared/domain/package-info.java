/**
 * What the services' domains share and that knows no transport: a command's refusal by a rule of the
 * process ({@link org.nrmplatform.shared.domain.RuleViolation}); the web layer maps it to a status.
 */
package org.nrmplatform.shared.domain;
