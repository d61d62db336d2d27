package compare.junit4;

import com.carrotsearch.randomizedtesting.RandomizedRunner;
import com.carrotsearch.randomizedtesting.annotations.ThreadLeakScope;
import com.carrotsearch.randomizedtesting.annotations.ThreadLeakScope.Scope;
import org.junit.runner.RunWith;

/**
 * randomizedtesting's thread leak check on every test. Everything else is left at its default:
 * lingering 0 ms, actions WARN and INTERRUPT, zombies IGNORE_REMAINING_TESTS, the MAIN thread group,
 * its built-in filters.
 */
@RunWith(RandomizedRunner.class)
@ThreadLeakScope(Scope.TEST)
public class RandomizedRunnerTwin extends Junit4Shapes {}
