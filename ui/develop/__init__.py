"""发展党员 page: each candidate's development steps, the next step, recording a step."""
