package org.nrmplatform.shared.observability;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per command handled: its type, outcome and duration, never its content (commands carry
 * personal data). Written on the handling thread, so the line carries the request's trace id and correlation
 * id, and an operator can go from a slow or failing request to its command and events.
 */
class CommandLog implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger("org.nrmplatform.commands");

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        String command = unitOfWork.getMessage().getPayloadType().getSimpleName();
        long started = System.nanoTime();
        try {
            Object result = chain.proceed();
            log.info("{} handled in {} ms", command, (System.nanoTime() - started) / 1_000_000);
            return result;
        } catch (Exception | Error failure) {
            log.info("{} refused or failed in {} ms: {}", command, (System.nanoTime() - started) / 1_000_000,
                    failure.getClass().getSimpleName());
            throw failure;
        }
    }
}
