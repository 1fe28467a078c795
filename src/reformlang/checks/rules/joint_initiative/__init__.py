"""Rules for the `joint_initiative` framework."""
