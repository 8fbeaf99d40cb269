# shellcheck shell=bash
# Functions shared by the deploy scripts: the job jar, a Spark installation (a real one from
# SPARK_HOME, or links to the Maven-resolved Spark jars), the spark-submit command line and a
# logged run. Source it; it defines functions and variables only.

sparsify_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
script_name="$(basename "$0")"

# Prints an error naming the script and exits with status 2 (invalid use or missing prerequisite).
die() {
  echo "$script_name: $*" >&2
  exit 2
}

require_java() {
  command -v java >/dev/null 2>&1 || die "java not found on PATH; install a Java 17 JDK"
}

# Prints the Java module options that Spark needs on Java 17, from the parent POM.
module_options() {
  sed -n 's:.*<spark.module.options>\(.*\)</spark.module.options>.*:\1:p' "$sparsify_root/pom.xml"
}

# Sets job_jar to $SPARSIFY_JOB_JAR or the shaded jar under spark-jobs/target.
find_job_jar() {
  job_jar="${SPARSIFY_JOB_JAR:-}"
  if [ -z "$job_jar" ]; then
    local candidate
    for candidate in "$sparsify_root"/spark-jobs/target/spark-jobs-*-job.jar; do
      job_jar="$candidate"
    done
  fi
  [ -f "$job_jar" ] || die "job jar ${job_jar:-spark-jobs/target/spark-jobs-*-job.jar} not found;" \
    "build it with './mvnw -B -DskipTests package' or set SPARSIFY_JOB_JAR"
}

# Sets spark_home to $SPARK_HOME, or else to deploy/target/spark-home, whose jars/ links to the
# Spark jars that Maven resolved for spark-jobs (listed in spark-jobs/target/local-classpath.txt).
find_spark_home() {
  if [ -n "${SPARK_HOME:-}" ]; then
    [ -d "$SPARK_HOME/jars" ] || die "SPARK_HOME=$SPARK_HOME has no jars/ folder;" \
      "point it at a Spark $(spark_version) installation or unset it to use the Maven-resolved jars"
    spark_home="$SPARK_HOME"
    return
  fi
  local classpath_file="$sparsify_root/spark-jobs/target/local-classpath.txt"
  [ -f "$classpath_file" ] || die "$classpath_file not found; build with './mvnw -B -DskipTests package'," \
    "which lists the Maven-resolved Spark jars there, or set SPARK_HOME"
  spark_home="$sparsify_root/deploy/target/spark-home"
  if [ ! -d "$spark_home/jars" ] || [ "$classpath_file" -nt "$spark_home/jars" ]; then
    rm -rf "$spark_home/jars"
    mkdir -p "$spark_home/jars"
    local jar
    tr ':' '\n' < "$classpath_file" | while IFS= read -r jar; do
      [ -n "$jar" ] && ln -s "$jar" "$spark_home/jars/"
    done
  fi
}

spark_version() {
  sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' "$sparsify_root/pom.xml"
}

# Exports what Spark's launcher code needs when SPARK_HOME is not a Spark distribution. Without a
# distribution, it also binds drivers to loopback unless SPARK_LOCAL_IP is set.
export_spark_env() {
  export SPARK_HOME="$spark_home"
  export SPARK_SCALA_VERSION="${SPARK_SCALA_VERSION:-2.13}"
  if [ ! -x "$spark_home/bin/spark-submit" ]; then
    export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  fi
}

# Resolves a profile name for a job to a properties file: conf/profiles/NAME/JOB.properties, or
# NAME itself when it is a path to an existing file. Prints the path.
resolve_profile() {
  local job="$1" name="$2"
  if [ -f "$name" ]; then
    echo "$name"
    return
  fi
  local file="$sparsify_root/conf/profiles/$name/$job.properties"
  if [ ! -f "$file" ]; then
    local available="" candidate
    for candidate in "$sparsify_root"/conf/profiles/*/"$job.properties"; do
      [ -f "$candidate" ] && available+="$(basename "$(dirname "$candidate")") "
    done
    die "no profile '$name' for job $job ($file not found); profiles for $job: ${available:-none}"
  fi
  echo "$file"
}

# Parses the options shared by sparsify-submit and sparsify-dated from "$@" into the globals
# master, profile and spark_confs. Every other argument goes, in order, to the array rest.
# shellcheck disable=SC2034  # the callers read profile and the other globals
parse_submit_options() {
  master="${SPARSIFY_MASTER:-local[*]}"
  profile=""
  spark_confs=()
  rest=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --profile) [ $# -ge 2 ] || die "--profile needs a name (tiny, small, large) or a .properties file"
        profile="$2"; shift 2 ;;
      --master) [ $# -ge 2 ] || die "--master needs a URL such as local[4] or spark://127.0.0.1:7077"
        master="$2"; shift 2 ;;
      --conf) [ $# -ge 2 ] || die "--conf needs KEY=VALUE"
        case "$2" in *=*) ;; *) die "--conf must be KEY=VALUE but was '$2'" ;; esac
        spark_confs+=(--conf "$2"); shift 2 ;;
      --) shift; rest+=("$@"); break ;;
      *) rest+=("$1"); shift ;;
    esac
  done
}

# Sets the array submit_cmd to a spark-submit invocation of MAIN_CLASS in the job jar with the
# given application arguments, using conf/spark-defaults.conf and conf/log4j2.properties.
build_submit_command() {
  local main_class="$1" app_name="$2"
  shift 2
  local defaults="${SPARSIFY_SPARK_DEFAULTS:-$sparsify_root/conf/spark-defaults.conf}"
  local log4j="${SPARSIFY_LOG4J:-$sparsify_root/conf/log4j2.properties}"
  [ -f "$defaults" ] || die "Spark defaults file $defaults not found; set SPARSIFY_SPARK_DEFAULTS"
  [ -f "$log4j" ] || die "log4j2 configuration $log4j not found; set SPARSIFY_LOG4J"

  if [ -x "$spark_home/bin/spark-submit" ]; then
    submit_cmd=("$spark_home/bin/spark-submit"
      --driver-java-options "-Dlog4j2.configurationFile=file:$log4j")
  else
    # No distribution: run SparkSubmit in this JVM, which is then the driver in client mode, so
    # the driver's heap and options are set here rather than by spark.driver.* settings.
    local options
    read -r -a options <<< "$(module_options)"
    submit_cmd=(java "${options[@]}" "-Xmx${SPARSIFY_DRIVER_MEMORY:-2g}"
      "-Dlog4j2.configurationFile=file:$log4j"
      -cp "$spark_home/jars/*" org.apache.spark.deploy.SparkSubmit)
  fi
  submit_cmd+=(--master "$master" --class "$main_class" --name "$app_name"
    --properties-file "$defaults" "${spark_confs[@]}" "$job_jar" "$@")
}

# Runs submit_cmd, printing it first and copying its output to a log file. On failure prints the
# log's tail and exits with the command's status.
run_logged() {
  local label="$1"
  local log_dir="${SPARSIFY_LOG_DIR:-$sparsify_root/deploy/target/logs}"
  mkdir -p "$log_dir" || die "cannot create log folder $log_dir; set SPARSIFY_LOG_DIR"
  local log
  log="$log_dir/$label-$(date -u +%Y%m%dT%H%M%SZ)-$$.log"

  printf 'Running:'
  printf ' %q' "${submit_cmd[@]}"
  printf '\nLog: %s\n' "$log"
  local status
  set +e
  "${submit_cmd[@]}" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  set -e
  if [ "$status" -ne 0 ]; then
    echo "$script_name: $label failed with exit code $status. Last 40 lines of $log:" >&2
    tail -n 40 "$log" >&2
    exit "$status"
  fi
}
